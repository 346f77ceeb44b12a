using SkypeDissect.Model;

namespace SkypeDissect.Analyzer.Engine;

/// <summary>
/// The login state machine of docs/tagging.md section 4, run after every frame tagged with group
/// <c>login-server</c>: fresh states, ladder attempts with rounds and fall-back stages, completion.
/// </summary>
internal static class LoginTracker
{
    /// <summary>What one login-server frame tells about its client.</summary>
    public readonly record struct Observation(
        Decoding.IpAddress Client, bool ToServer, bool Tcp, int ServerPort, int ClientPort, bool IsDns, double Time);

    /// <summary>Updates the client's state; returns the expert event the frame causes, if any.</summary>
    public static ExpertEvent? Update(AnalyzerState state, CompiledVersion version, in Observation o)
    {
        var clients = state.Clients;
        if (o.IsDns)
        {
            Fresh(state, version, o);
            return null; // a DNS frame starts a state but is no attempt
        }

        if (!o.ToServer)
        {
            if (!version.IsChannel(o.ServerPort) || !clients.TryGetValue(o.Client, out var known) || known.Complete is not null)
            {
                return null;
            }

            known.Complete = o.Time;
            known.Anchor = o.Time;
            return new ExpertEvent(ExpertKind.Complete, "Login complete");
        }

        var cs = Fresh(state, version, o);
        var rung = version.RungOf(o.Tcp, o.ServerPort);
        if (rung < 0)
        {
            return null;
        }

        ExpertEvent? expert = null;
        if (cs.LastAttempt is not { } last)
        {
            cs.Round = 1;
            cs.Stage = rung;
        }
        else if (cs.Complete is null && o.Time - last >= version.NewRoundGap)
        {
            cs.Round++;
            cs.Stage = rung;
            expert = new ExpertEvent(ExpertKind.Retry, $"Retry round {cs.Round.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        }
        else if (cs.Complete is null && rung > cs.Stage)
        {
            cs.Stage = rung;
            expert = new ExpertEvent(ExpertKind.Fallback, $"Fall-back to {version.Ladder[rung].Stage}");
        }

        cs.LastAttempt = o.Time;
        cs.Anchor = o.Time;
        if (!o.Tcp)
        {
            cs.Port = o.ClientPort;
        }

        return expert;
    }

    /// <summary>The gate of docs/tagging.md 3.2 for a client at a time.</summary>
    public static bool Passes(Gate gate, BoundedTable<Decoding.IpAddress, ClientState> clients, Decoding.IpAddress client, double time, double window)
    {
        if (gate == Gate.None)
        {
            return true;
        }

        if (!clients.TryGetValue(client, out var cs))
        {
            return false;
        }

        return gate == Gate.LoginSeen
            ? time - cs.Anchor <= window
            : cs.Complete is { } complete && time - complete <= window;
    }

    private static ClientState Fresh(AnalyzerState state, CompiledVersion version, in Observation o)
    {
        if (state.Clients.TryGetValue(o.Client, out var cs) && !(cs.Complete is { } done && o.Time - done > version.LoginWindow))
        {
            return cs;
        }

        cs = new ClientState(o.Time);
        state.SetClient(o.Client, cs);
        return cs;
    }
}
