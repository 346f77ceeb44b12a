using SkypeDissect.Analyzer;
using SkypeDissect.Analyzer.Sessions;
using SkypeDissect.Model;

namespace SkypeDissect.Cli.Report;

/// <summary>
/// Builds the sessions of one capture with the analyzer's <see cref="SessionBuilder"/> and, for the first
/// sessions to start (up to a budget), the exchanges their diagrams draw. A frame belongs to the session the
/// builder adds it to: the builder closes a client's session (calling back here) before it opens the next one
/// for that client, so the frames recorded for a client up to the close are exactly the closed session's.
/// Memory is bounded: exchanges only for the budgeted sessions, at most a fixed number each, and only the first
/// sessions by start for the summary table.
/// </summary>
internal sealed class ExchangeRecorder
{
    private readonly SessionBuilder builder;
    private readonly Dictionary<string, Recording?> open = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (Transport Transport, int Port, string Stage)[]> ladders = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PortRange> channels = new(StringComparer.Ordinal);
    private readonly List<LoginSession> first = [];
    private readonly Dictionary<string, int> outcomes = new(StringComparer.Ordinal);
    private readonly List<SessionDetail> details = [];
    private readonly AddressRange[] ranges;
    private int budget;
    private int sessions;
    private long tagged;

    public ExchangeRecorder(SignatureModel model, int diagramBudget)
    {
        budget = diagramBudget;
        builder = new SessionBuilder(model, Closed);
        ranges = [.. model.Versions.SelectMany(v => v.Groups).SelectMany(g => g.Ranges).Distinct()];
        foreach (var v in model.Versions)
        {
            ladders[v.Id] = [.. v.Procedure.Ladder.Select(r => (r.Transport, r.Port, r.Stage))];
            channels[v.Id] = v.Procedure.ChannelPorts;
        }
    }

    /// <summary>Diagrams still to give out after this file.</summary>
    public int Budget => budget;

    public void Add(TaggedFrame f)
    {
        tagged++;
        builder.Add(f); // may close this client's previous session (and record it) before the frame joins a new one
        if (!open.TryGetValue(f.Client, out var recording))
        {
            recording = budget > 0 ? new Recording() : null;
            budget -= recording is null ? 0 : 1;
            open[f.Client] = recording;
        }

        recording?.Add(f, Rung(f), Server);
    }

    public FileReport Finish(string path, string? error)
    {
        builder.Flush();
        Trim();
        return new FileReport(
            path,
            first,
            sessions,
            tagged,
            outcomes,
            [.. details.OrderBy(d => d.Session.Start).ThenBy(d => d.Session.Client, StringComparer.Ordinal)],
            error);
    }

    private void Closed(LoginSession s)
    {
        sessions++;
        outcomes[s.Outcome] = outcomes.GetValueOrDefault(s.Outcome) + 1;
        first.Add(s);
        if (first.Count >= 2 * ReportLimits.SummaryRows)
        {
            Trim();
        }

        if (open.Remove(s.Client, out var recording) && recording is not null)
        {
            details.Add(recording.ToDetail(s));
        }
    }

    private void Trim()
    {
        first.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : string.CompareOrdinal(a.Client, b.Client));
        if (first.Count > ReportLimits.SummaryRows)
        {
            first.RemoveRange(ReportLimits.SummaryRows, first.Count - ReportLimits.SummaryRows);
        }
    }

    // The owner (organisation, country) of a server address in the model's ranges, as the session summary names it.
    private ServerSeen Server(TaggedFrame f)
    {
        AddressRange? owner = null;
        if (Ipv4.TryParse(f.Server, out var a))
        {
            owner = ranges.FirstOrDefault(r => r.Contains(a));
        }

        return new ServerSeen(f.Server, f.ServerPort, f.Transport, owner?.Organisation, owner?.Country);
    }

    private string? Rung(TaggedFrame f)
    {
        if (f.Tag.Group != GroupIds.LoginServer || !ladders.TryGetValue(f.Tag.Version, out var ladder))
        {
            return null;
        }

        var transport = f.Transport == "udp" ? Transport.Udp : Transport.Tcp;
        foreach (var (t, port, stage) in ladder)
        {
            if (t == transport && port == f.ServerPort)
            {
                return stage;
            }
        }

        return transport == Transport.Tcp && channels[f.Tag.Version].Contains(f.ServerPort) ? "channel" : null;
    }

    /// <summary>The exchanges of one open session, in order of their first frame.</summary>
    private sealed class Recording
    {
        private readonly Dictionary<(string Transport, int ClientPort, string Server, int ServerPort, int Step, string Group), int> index = [];
        private readonly List<Builder> exchanges = [];
        private readonly List<double> times = [];
        private int seen;

        public void Add(TaggedFrame f, string? rung, Func<TaggedFrame, ServerSeen> owner)
        {
            if (times.Count < ReportLimits.FrameTimes)
            {
                times.Add(f.Time);
            }

            var key = (f.Transport, f.ClientPort, f.Server, f.ServerPort, f.Tag.Step, f.Tag.Group);
            if (!index.TryGetValue(key, out var i))
            {
                seen++;
                if (exchanges.Count >= ReportLimits.ExchangesPerDiagram)
                {
                    return;
                }

                i = exchanges.Count;
                index[key] = i;
                exchanges.Add(new Builder(f, rung, owner(f)));
            }

            exchanges[i].Add(f);
        }

        public SessionDetail ToDetail(LoginSession s)
        {
            return new SessionDetail(s, [.. exchanges.Select(e => e.Build())], seen, times);
        }
    }

    private sealed class Builder(TaggedFrame first, string? rung, ServerSeen server)
    {
        private readonly List<LoginEvent> events = [];
        private double last = first.Time;
        private long lastFrame = first.Tag.Frame;
        private int frames;

        public void Add(TaggedFrame f)
        {
            frames++;
            last = Math.Max(last, f.Time);
            lastFrame = f.Tag.Frame;
            if (f.Expert is { } e)
            {
                events.Add(new LoginEvent(e.Kind, e.Message, f.Tag.Frame, f.Time));
            }
        }

        public Exchange Build() => new Exchange(
                first.Tag.Step, first.Tag.Group, first.Tag.Rule, first.Tag.Version, first.Transport, first.ClientPort, server, rung,
                first.Time, last, first.Tag.Frame, lastFrame, frames, events);
    }
}
