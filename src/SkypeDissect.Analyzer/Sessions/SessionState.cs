using SkypeDissect.Model;

namespace SkypeDissect.Analyzer.Sessions;

/// <summary>The mutable state of one open session; <see cref="ToSession"/> freezes it.</summary>
internal sealed class SessionState(string client, long firstFrame, double start)
{
    /// <summary>Servers kept per step: enough for the paper's eight answers and four super nodes, bounded against floods.</summary>
    private const int MaxServersPerStep = 64;

    private readonly SortedDictionary<(int Step, string Group), StepState> steps = new();
    private readonly List<double> roundStarts = [];
    private readonly List<double> roundEnds = [];
    // Frames per version whose signatures tagged them: a few versions at most, so a list searched in turn (a
    // dictionary per session cost about 500 bytes, with 100,000 sessions open 50 MB).
    private readonly List<KeyValuePair<string, int>> versionVotes = new(1);
    private readonly List<string> evidence = [];
    private readonly List<string> supernodes = [];
    private ServerSeen? loginServer;
    private LoginEndpoint? loginEnd;
    private string? throughStage;
    private ServerSeen? throughServer;
    private int? position;
    private int? answerCount;
    private double? firstLogin;
    private double? complete;
    private string? stage;
    private string? build;
    private string? clientVersion;
    private readonly long firstFrameNumber = firstFrame;
    private long lastFrame = firstFrame;
    private int frames;

    public string Client { get; } = client;

    public double Start { get; } = start;

    public double End { get; private set; } = start;

    public double? LoginStart { get; private set; }

    public LinkedListNode<SessionState>? Node { get; set; }

    public void Add(TaggedFrame f, ServerSeen server, Func<LoginEndpoint, ServerSeen> seen)
    {
        frames++;
        lastFrame = f.Tag.Frame;
        End = f.Time;
        if (!steps.TryGetValue((f.Tag.Step, f.Tag.Group), out var st))
        {
            steps[(f.Tag.Step, f.Tag.Group)] = st = new StepState(f.Time);
        }

        st.Last = f.Time;
        st.Frames++;
        // The DNS resolver is no server of the step; its frames still count for the step's times, and the names
        // looked up say what the step was after when it got no further than DNS.
        if (!IsDns(f) && st.Servers.Count < MaxServersPerStep && !st.Servers.Contains(server))
        {
            st.Servers.Add(server);
        }
        else if (IsDns(f) && f.Detail is { } name && st.Names.Count < MaxServersPerStep && !st.Names.Contains(name))
        {
            st.Names.Add(name);
        }

        CountVersion(f.Tag.Version);
        clientVersion = f.ClientVersion ?? clientVersion;
        if (f.Tag.Group == GroupIds.Supernode && !supernodes.Contains(f.Server) && supernodes.Count < MaxServersPerStep)
        {
            supernodes.Add(f.Server);
        }

        if (f.Login is { } l)
        {
            AddLogin(f, l, seen);
        }

        if (f.Detail is { } detail && ClientBuilds.TryFind(f.Tag.Group, detail, out var b) && build is null)
        {
            build = b;
            evidence.Add($"frame {f.Tag.Frame}: {detail}");
        }
    }

    // The engine's reading of the login (docs/tagging.md 4): rounds as the client made them (each from its first
    // attempt), the completion, the login server and the rung that got the client through.
    private void AddLogin(TaggedFrame f, LoginProgress l, Func<LoginEndpoint, ServerSeen> seen)
    {
        LoginStart = l.Start;
        firstLogin ??= f.Time;
        if (l.Round > roundStarts.Count)
        {
            roundStarts.Add(l.RoundStart ?? f.Time);
            roundEnds.Add(f.Time);
        }
        else if (l.Round == roundStarts.Count && l.Round > 0 && l.Complete is null && !IsDns(f))
        {
            roundEnds[^1] = f.Time; // the last frame of a round before the login completed
        }

        stage = l.Stage ?? stage;
        complete = l.Complete;
        if (l.Server is { } end && end != loginEnd)
        {
            loginEnd = end;
            loginServer = seen(end);
            var here = end.Address == f.Server && end.Port == f.ServerPort && end.Transport == f.Transport;
            position = here ? f.LearnedPosition : null;
            answerCount = here ? f.LearnedCount : null;
        }

        throughStage = l.ThroughStage;
        throughServer = l.ThroughServer is { } t ? seen(t) : null;
    }

    private static bool IsDns(TaggedFrame f) => f.Transport == "udp" && f.ServerPort == 53;

    private void CountVersion(string version)
    {
        for (var i = 0; i < versionVotes.Count; i++)
        {
            if (versionVotes[i].Key == version)
            {
                versionVotes[i] = new(version, versionVotes[i].Value + 1);
                return;
            }
        }

        versionVotes.Add(new(version, 1));
    }

    public LoginSession ToSession(string lastRung)
    {
        var outcome = complete is not null ? Outcomes.Success
            : roundStarts.Count > 0 && stage == lastRung ? Outcomes.Failure
            : Outcomes.Incomplete;
        // The engine attributes each client's traffic to one version (docs/tagging.md 2.1); frames tagged before the
        // attribution settled may carry another version's tag, so the counts can name more than one.
        var counts = versionVotes.OrderByDescending(v => v.Value).ThenBy(v => v.Key, StringComparer.Ordinal).Select(v => new VersionFrames(v.Key, v.Value)).ToList();
        var version = clientVersion ?? counts.FirstOrDefault()?.Version;
        var votes = versionVotes.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => $"signatures of {v.Key} matched {v.Value} frame{(v.Value == 1 ? "" : "s")}");
        return new LoginSession(
            Client,
            Start,
            End,
            firstFrameNumber,
            lastFrame,
            frames,
            outcome,
            stage,
            loginServer,
            position,
            answerCount,
            roundStarts.ToList(),
            roundStarts.Skip(1).Select((start, i) => Math.Round(start - roundEnds[i], 6)).ToList(),
            complete is { } c && firstLogin is { } f0 ? Math.Round(c - f0, 6) : null,
            supernodes.ToList(),
            version,
            build,
            [.. evidence, .. votes],
            steps.Select(kv => new StepSeen(kv.Key.Step, kv.Key.Group, kv.Value.First, kv.Value.Last, kv.Value.Frames, kv.Value.Servers.ToList(), kv.Value.Names.ToList())).ToList(),
            counts,
            complete is null ? null : throughStage,
            complete is null ? null : throughServer);
    }

    private sealed class StepState(double first)
    {
        public double First { get; } = first;

        public double Last { get; set; } = first;

        public int Frames { get; set; }

        public List<ServerSeen> Servers { get; } = [];

        public List<string> Names { get; } = [];
    }
}
