using SkypeDissect.Model;

namespace SkypeDissect.Analyzer.Engine;

/// <summary>A version's login procedure in the form the engine checks per frame.</summary>
internal sealed class CompiledVersion
{
    private readonly Dictionary<string, int> ruleIndex = new(StringComparer.Ordinal);
    private readonly Rung[] ladder;

    /// <param name="firstIndex">Matcher index of the version's first rule (its rules are compiled in order from there).</param>
    /// <param name="ordinal">Position of the version among the enabled versions (model order).</param>
    public CompiledVersion(ClientVersion version, int firstIndex = 0, int ordinal = 0)
    {
        Id = version.Id;
        Ordinal = ordinal;
        EndIndex = firstIndex + version.Rules.Count;
        for (var i = 0; i < version.Rules.Count; i++)
        {
            ruleIndex.TryAdd(version.Rules[i].Id, firstIndex + i);
        }

        var procedure = version.Procedure;
        LoginWindow = procedure.LoginWindowSeconds;
        Completion = procedure.Completion.Kind;
        Rounds = procedure.Rounds.Kind;
        NewRoundGap = procedure.NewRoundGapSeconds;
        ladder = procedure.Ladder.Select(r => new Rung(r.Transport == Transport.Tcp, r.Port, r.Stage)).ToArray();
        Ladder = ladder;
        ChannelFirst = procedure.ChannelPorts.First;
        ChannelLast = procedure.ChannelPorts.Last;
    }

    public string Id { get; }

    /// <summary>Position among the enabled versions, in model order.</summary>
    public int Ordinal { get; }

    /// <summary>Matcher index just after the version's last rule: where the next version's rules begin.</summary>
    public int EndIndex { get; }

    public double LoginWindow { get; }

    public double NewRoundGap { get; }

    /// <summary>When the version's login counts as complete (docs/tagging.md 4).</summary>
    public CompletionKind Completion { get; }

    /// <summary>What starts the version's rounds of login attempts.</summary>
    public RoundKind Rounds { get; }

    public IReadOnlyList<Rung> Ladder { get; }

    public int ChannelFirst { get; }

    public int ChannelLast { get; }

    /// <summary>Matcher index of the version's rule with this id, or -1.</summary>
    public int IndexOf(string ruleId) => ruleIndex.GetValueOrDefault(ruleId, -1);

    public bool IsChannel(int port) => port >= ChannelFirst && port <= ChannelLast;

    /// <summary>Index of the first rung with this transport and server port, or -1.</summary>
    public int RungOf(bool tcp, int serverPort)
    {
        // The array, not Ladder: an interface call per rung on every login frame.
        for (var i = 0; i < ladder.Length; i++)
        {
            if (ladder[i].Tcp == tcp && ladder[i].Port == serverPort)
            {
                return i;
            }
        }

        return -1;
    }

    public readonly record struct Rung(bool Tcp, int Port, string Stage);
}

/// <summary>A rule's endpoints as (transport, port range) triples: "port fits an endpoint".</summary>
internal sealed class EndpointSet(IReadOnlyList<Endpoint> endpoints)
{
    private readonly (bool Tcp, int First, int Last)[] items =
        endpoints.Select(e => (e.Transport == Transport.Tcp, e.Ports.First, e.Ports.Last)).ToArray();

    public IEnumerable<(bool Tcp, int First, int Last)> Items => items;

    public bool Fits(bool tcp, int port)
    {
        foreach (var (t, first, last) in items)
        {
            if (t == tcp && port >= first && port <= last)
            {
                return true;
            }
        }

        return false;
    }
}
