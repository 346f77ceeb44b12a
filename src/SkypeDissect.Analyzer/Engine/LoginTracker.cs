using SkypeDissect.Analyzer.Decoding;
using SkypeDissect.Model;

namespace SkypeDissect.Analyzer.Engine;

/// <summary>
/// The login state machine of docs/tagging.md section 4, run after every frame tagged with group
/// <c>login-server</c>: fresh states, rounds and fall-back stages, completion. Each enabled version reads the
/// client's login with its own procedure (one <see cref="ClientState"/> each); the frame's expert event is
/// that of the client's version's reading.
/// </summary>
internal static class LoginTracker
{
    /// <summary>
    /// What one login-server frame tells about its client. <paramref name="IsDns"/>: tagged by a dns-name rule, as
    /// the plugin asks it; a probe from a Skype port of 53 is an attempt all the same.
    /// </summary>
    /// <param name="Opening">A TCP SYN without ACK from the client judged by the rules, its connection not in flow memory (not a retransmission).</param>
    /// <param name="Payload">The frame carries payload.</param>
    /// <param name="Ack">The TCP ACK flag; <paramref name="AckNumber"/> is read only with it.</param>
    /// <param name="Closing">A TCP FIN or RST.</param>
    /// <param name="Marks">The connection's exchange marks (a TCP login-server connection in flow memory), or null.</param>
    public readonly record struct Observation(
        IpAddress Client, IpAddress Server, bool ToServer, bool Tcp, int ServerPort, int ClientPort, bool IsLookup, double Time,
        bool Opening, bool Payload, bool Ack, uint AckNumber, bool Closing, ExchangeMarks? Marks);

    /// <summary>
    /// Updates every version's reading of the client's login; returns the expert event of the reading of
    /// <paramref name="shown"/> (the client's version's ordinal), if the frame causes one.
    /// </summary>
    public static ExpertEvent? Update(AnalyzerState state, IReadOnlyList<CompiledVersion> versions, int shown, in Observation o)
    {
        var exchanged = Exchange(o);
        ExpertEvent? expert = null;
        for (var i = 0; i < versions.Count; i++)
        {
            var e = Update(state, versions[i], versions.Count, o, exchanged);
            if (i == shown)
            {
                expert = e;
            }
        }

        return expert;
    }

    /// <summary>The gate of docs/tagging.md 3.2 for a client at a time, on the reading of the version with <paramref name="ordinal"/>.</summary>
    public static bool Passes(Gate gate, BoundedTable<IpAddress, ClientState[]> clients, IpAddress client, double time, double window, int ordinal)
    {
        if (gate == Gate.None)
        {
            return true;
        }

        if (!clients.TryGetValue(client, out var readings))
        {
            return false;
        }

        var cs = readings[ordinal];
        return gate switch
        {
            Gate.LoginSeen => time - cs.Anchor <= window,
            Gate.ChannelSeen => cs.Channel is { } channel && time - channel <= window,
            _ => cs.Complete is { } complete && time - complete <= window,
        };
    }

    /// <summary>
    /// The connection's marks, the same for every version: a client's FIN or RST closes it; the first server frame
    /// with payload and ACK sets the answer mark. True when this server frame's ACK number passes the answer mark
    /// of an earlier frame on a connection the client has not closed: the server acknowledged data the client sent
    /// after the server's first answer.
    /// </summary>
    private static bool Exchange(in Observation o)
    {
        if (o.Marks is not { } marks)
        {
            return false;
        }

        if (o.ToServer)
        {
            marks.Closed |= o.Closing;
            return false;
        }

        if (!o.Ack)
        {
            return false;
        }

        var passed = marks.Answer is { } answer && !marks.Closed && unchecked((int)(o.AckNumber - answer)) > 0;
        if (marks.Answer is null && o.Payload)
        {
            marks.Answer = o.AckNumber;
        }

        return passed;
    }

    private static ExpertEvent? Update(AnalyzerState state, CompiledVersion version, int count, in Observation o, bool exchanged)
    {
        if (o.IsLookup)
        {
            Fresh(state, version, count, o);
            return null; // a name lookup (DNS) starts a state but is no attempt
        }

        var rung = version.RungOf(o.Tcp, o.ServerPort);
        var channel = o.Tcp && version.IsChannel(o.ServerPort);
        return o.ToServer ? Attempt(state, version, count, o, rung, channel) : Answer(state, version, o, rung, channel, exchanged);
    }

    /// <summary>A login server's frame to the client: an answer on a rung or the channel, perhaps the completion.</summary>
    private static ExpertEvent? Answer(AnalyzerState state, CompiledVersion version, in Observation o, int rung, bool channel, bool exchanged)
    {
        if ((rung < 0 && !channel) || !state.Clients.TryGetValue(o.Client, out var readings))
        {
            return null;
        }

        var cs = readings[version.Ordinal];
        if (cs.Complete is null && rung >= 0)
        {
            (cs.AnsweredRung, cs.AnsweredServer) = (rung, End(cs, o));
        }

        if (!o.Tcp)
        {
            return null; // a UDP answer completes nothing: the client still opens its TCP channel
        }

        if (channel && cs.Channel is null)
        {
            cs.Channel = o.Time;
        }

        if (cs.Complete is not null)
        {
            // Fig. 2: after a completion on a rung, the channel the client keeps names the login server.
            if (channel && !cs.ServerIsChannel)
            {
                (cs.Server, cs.ServerIsChannel) = (End(cs, o), true);
            }

            return null;
        }

        if (version.Completion == CompletionKind.Exchange && !exchanged)
        {
            return null;
        }

        cs.Complete = o.Time;
        cs.Anchor = o.Time;
        var server = End(cs, o);
        (cs.Server, cs.ServerIsChannel) = (server, channel);
        if (rung >= 0)
        {
            (cs.ThroughRung, cs.ThroughServer) = (rung, server);
        }
        else if (version.Completion == CompletionKind.Connected)
        {
            // On the channel: the rung a login server answered on before (Fig. 2: the UDP probe, then the channel).
            (cs.ThroughRung, cs.ThroughServer) = (cs.AnsweredRung, cs.AnsweredServer);
        }

        return new ExpertEvent(ExpertKind.Complete, TaggingContract.Complete.Text());
    }

    // The frame's server end as the reading stores it: an end the reading already holds when it is the same (ends
    // are immutable records), a new one otherwise. Made only when a field takes it: most answers (the channel's
    // traffic after the completion) store nothing, and one object per such frame grew the heap with the file.
    private static LoginEnd End(ClientState cs, in Observation o)
    {
        if (Same(cs.AnsweredServer, o))
        {
            return cs.AnsweredServer!;
        }

        return Same(cs.Server, o) ? cs.Server! : new LoginEnd(o.Server, o.ServerPort, o.Tcp);
    }

    private static bool Same(LoginEnd? end, in Observation o) =>
        end is { } e && e.Address == o.Server && e.Port == o.ServerPort && e.Tcp == o.Tcp;

    /// <summary>A frame from the client: a ladder attempt, a channel opening, or other channel traffic.</summary>
    private static ExpertEvent? Attempt(AnalyzerState state, CompiledVersion version, int count, in Observation o, int rung, bool channel)
    {
        var byOpenings = version.Rounds == RoundKind.ChannelOpenings;
        var opening = channel && o.Opening;
        var roundAttempt = byOpenings ? opening : rung >= 0;
        if (rung < 0 && !roundAttempt)
        {
            // Channel traffic (keepalives) never starts a login afresh; it only creates a state where none exists.
            if (channel && !state.Clients.ContainsKey(o.Client))
            {
                state.SetClient(o.Client, New(count, o.Time));
            }

            return null;
        }

        var cs = Fresh(state, version, count, o);
        ExpertEvent? expert = null;
        if (!roundAttempt)
        {
            // A ladder attempt beside rounds of channel openings: the stage is the highest rung the login reached.
            if (cs.Round == 0)
            {
                (cs.Round, cs.Stage, cs.RoundStart) = (1, rung, o.Time);
            }
            else if (cs.Complete is null && rung > cs.Stage)
            {
                cs.Stage = rung;
                expert = Fallback(version, rung);
            }
        }
        else if (cs.LastAttempt is null)
        {
            if (cs.Round == 0)
            {
                (cs.Round, cs.RoundStart) = (1, o.Time);
            }

            cs.Stage = rung >= 0 ? rung : cs.Stage;
        }
        else if (cs.Complete is null && o.Time - cs.LastAttempt.Value >= version.NewRoundGap)
        {
            cs.Round++;
            cs.RoundStart = o.Time;
            cs.Stage = rung >= 0 ? rung : cs.Stage;
            expert = new ExpertEvent(ExpertKind.Retry, TaggingContract.Retry.Text(cs.Round));
        }
        else if (cs.Complete is null && rung > cs.Stage)
        {
            cs.Stage = rung;
            expert = Fallback(version, rung);
        }

        if (roundAttempt)
        {
            cs.LastAttempt = o.Time;
        }

        cs.Anchor = o.Time;
        if (rung >= 0 && !o.Tcp)
        {
            cs.Port = o.ClientPort;
        }

        return expert;
    }

    private static ExpertEvent Fallback(CompiledVersion version, int rung) => new(ExpertKind.Fallback, TaggingContract.Fallback.Text(version.Ladder[rung].Stage));

    private static ClientState[] New(int count, double time)
    {
        var readings = new ClientState[count];
        for (var i = 0; i < count; i++)
        {
            readings[i] = new ClientState(time);
        }

        return readings;
    }

    /// <summary>
    /// The version's reading, started afresh when the client has none or its login completed longer than the
    /// login window ago. A client without state gets a reading for every version; a reading started afresh
    /// writes the client's entry again (it becomes the newest of the bounded table).
    /// </summary>
    private static ClientState Fresh(AnalyzerState state, CompiledVersion version, int count, in Observation o)
    {
        if (!state.Clients.TryGetValue(o.Client, out var readings))
        {
            readings = New(count, o.Time);
            state.SetClient(o.Client, readings);
            return readings[version.Ordinal];
        }

        var cs = readings[version.Ordinal];
        if (cs.Complete is { } done && o.Time - done > version.LoginWindow)
        {
            readings[version.Ordinal] = cs = new ClientState(o.Time);
            state.SetClient(o.Client, readings);
        }

        return cs;
    }
}
