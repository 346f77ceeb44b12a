using SkypeDissect.Model;

namespace SkypeDissect.Analyzer.Engine;

/// <summary>
/// The login state machine of docs/tagging.md section 4, run after every frame tagged with group
/// <c>login-server</c>: fresh states, ladder attempts with rounds and fall-back stages, completion.
/// </summary>
internal static class LoginTracker
{
    /// <summary>
    /// What one login-server frame tells about its client. <paramref name="IsDns"/>: tagged by a dns-name rule, as
    /// the plugin asks it; a probe from a Skype port of 53 is an attempt all the same.
    /// </summary>
    public readonly record struct Observation(
        Decoding.IpAddress Client, bool ToServer, bool Tcp, int ServerPort, int ClientPort, bool IsLookup, double Time);

    /// <summary>Updates the client's state; returns the expert event the frame causes, if any.</summary>
    public static ExpertEvent? Update(AnalyzerState state, CompiledVersion version, in Observation o)
    {
        var clients = state.Clients;
        if (o.IsLookup)
        {
            Fresh(state, version, o);
            return null; // a name lookup (DNS) starts a state but is no attempt
        }

        var rung = version.RungOf(o.Tcp, o.ServerPort);
        var channel = o.Tcp && version.IsChannel(o.ServerPort);
        if (!o.ToServer)
        {
            // A login server answered on a TCP connection (a TCP rung or the channel): the channel is established.
            if (!o.Tcp || (rung < 0 && !channel) || !clients.TryGetValue(o.Client, out var known))
            {
                return null;
            }

            if (channel && known.Channel is null)
            {
                known.Channel = o.Time;
            }

            if (known.Complete is not null)
            {
                return null;
            }

            known.Complete = o.Time;
            known.Anchor = o.Time;
            return new ExpertEvent(ExpertKind.Complete, "Login complete");
        }

        if (rung < 0)
        {
            // Channel traffic (keepalives) never starts a login afresh; it only creates a state where none exists.
            if (channel && !clients.ContainsKey(o.Client))
            {
                state.SetClient(o.Client, new ClientState(o.Time));
            }

            return null;
        }

        var cs = Fresh(state, version, o);
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

        return gate switch
        {
            Gate.LoginSeen => time - cs.Anchor <= window,
            Gate.ChannelSeen => cs.Channel is { } channel && time - channel <= window,
            _ => cs.Complete is { } complete && time - complete <= window,
        };
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
