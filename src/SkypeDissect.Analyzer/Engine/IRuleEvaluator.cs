using SkypeDissect.Analyzer.Decoding;
using SkypeDissect.Model;

namespace SkypeDissect.Analyzer.Engine;

/// <summary>
/// The meaning of one <see cref="RuleKind"/> (docs/tagging.md section 3). There is exactly one evaluator
/// per kind (a test enforces it); it compiles each rule of its kind into a <see cref="RuleMatcher"/>.
/// </summary>
internal interface IRuleEvaluator
{
    RuleKind Kind { get; }

    RuleMatcher Compile(Rule rule, CompiledVersion version, int index);

    /// <summary>
    /// What the kind watches on every frame, given the enabled rules of the kind (never none); null for a kind
    /// that only judges the frames put to it.
    /// </summary>
    IFrameObserver? Observer(IReadOnlyList<RuleMatcher> rules) => null;
}

/// <summary>
/// State a kind keeps about every decoded frame, before flow memory and the rules and whatever then happens to
/// the frame (docs/tagging.md 3.3, 3.5, 3.6): the engine calls the enabled kinds' observers in the order of
/// <see cref="RuleEvaluators.All"/>. An observer may add a fact to the frame its rules read.
/// </summary>
internal interface IFrameObserver
{
    void Observe(ref FrameFacts frame, AnalyzerState state);
}

/// <summary>
/// One rule of one version, ready to be tried on frames. What the kind needs of a frame comes from its
/// descriptor (<see cref="RuleKind.Needs"/>); what it means, and the state it keeps, from the subclass.
/// </summary>
internal abstract class RuleMatcher
{
    protected RuleMatcher(Rule rule, CompiledVersion version, int index)
    {
        Rule = rule;
        Version = version;
        Index = index;
        NeedsDns = rule.Kind.Needs.HasFlag(FrameNeeds.Dns);
        NeedsUdp = rule.Kind.Needs.HasFlag(FrameNeeds.Udp);
        NeedsTlsNames = rule.Kind.Needs.HasFlag(FrameNeeds.TlsNames);
        Endpoints = new EndpointSet(rule.Endpoints);
        NeedsPort = rule.Endpoints.Count > 0 ? Endpoints : null;
    }

    public Rule Rule { get; }

    public CompiledVersion Version { get; }

    /// <summary>Position among all enabled rules (model order); identifies the rule in flow and remote tables.</summary>
    public int Index { get; }

    /// <summary>The rule needs a DNS frame (checked before <see cref="TryMatch"/>, without a virtual call).</summary>
    public bool NeedsDns { get; }

    /// <summary>The rule needs UDP.</summary>
    public bool NeedsUdp { get; }

    /// <summary>The rule needs a frame that makes TLS names known (docs/tagging.md 3.5).</summary>
    public bool NeedsTlsNames { get; }

    /// <summary>The rule needs one end's port to fit its endpoints (null: any port, or none needed).</summary>
    public EndpointSet? NeedsPort { get; }

    /// <summary>A frame tagged by this rule at its SYN opens a connection a timed fall-back may follow (docs/tagging.md 3.4).</summary>
    public bool OpensFallbacks { get; set; }

    protected EndpointSet Endpoints { get; }

    /// <summary>
    /// Necessary conditions of the kind, cheap and non-virtual: a frame they reject is one
    /// <see cref="TryMatch"/> would reject too, so most rules cost nothing on most frames.
    /// </summary>
    public bool Admits(in FrameFacts frame)
    {
        if (NeedsDns)
        {
            return frame.IsDns;
        }

        if (NeedsTlsNames)
        {
            return frame.TlsNames is not null;
        }

        if (NeedsUdp && frame.IsTcp)
        {
            return false;
        }

        return NeedsPort is null
            || NeedsPort.Fits(frame.IsTcp, frame.SourcePort)
            || NeedsPort.Fits(frame.IsTcp, frame.DestinationPort);
    }

    /// <summary>Whether the rule's kind matches, and which side is the client (the first side that fits).</summary>
    public abstract bool TryMatch(in FrameFacts frame, AnalyzerState state, out bool clientIsSource);

    /// <summary>
    /// Marks the ports on which a frame may match this rule without any learned state (the prefilter): by default
    /// the endpoints of a kind whose port is evidence (<see cref="FrameNeeds.EndpointPort"/>,
    /// <see cref="FrameNeeds.DestinationPort"/>). Rules that need DNS or state about a host mark nothing: the engine
    /// checks those conditions itself.
    /// </summary>
    public virtual void AddPrefilter(Prefilter prefilter)
    {
        if ((Rule.Kind.Needs & (FrameNeeds.EndpointPort | FrameNeeds.DestinationPort)) != 0)
        {
            Prefilter.AddPorts(Endpoints, prefilter.TcpPorts, prefilter.UdpPorts);
        }
    }

    /// <summary>Links the rule to the other compiled rules once all are compiled.</summary>
    public virtual void Prepare(IReadOnlyList<RuleMatcher> all)
    {
    }

    /// <summary>The state the kind keeps, written after a frame it tagged by the rules (first pass).</summary>
    public virtual void OnTagged(in FrameFacts frame, AnalyzerState state, IpAddress client, IpAddress server)
    {
    }

    /// <summary>
    /// For a kind whose tag covers another connection too (<see cref="RuleKind.TagsCompanion"/>): that connection, after
    /// a frame the rule tagged by the rules (the engine installs flow memory for it unless it holds a tag already).
    /// </summary>
    public virtual bool TryGetCompanion(in FrameFacts frame, AnalyzerState state, out FlowKey companion)
    {
        companion = default;
        return false;
    }

    /// <summary>What the client had learned of the server that made this rule match, for the sessions (by default nothing).</summary>
    public virtual LearnedEntry? LearnedOf(AnalyzerState state, IpAddress client, IpAddress server) => null;
}

/// <summary>
/// The engine's prefilter: ports on which a frame may match without DNS or host state. Ports of rules whose
/// server must also lie in known networks are kept apart, with those networks.
/// </summary>
internal sealed class Prefilter
{
    public bool[] TcpPorts { get; } = new bool[65536];

    public bool[] UdpPorts { get; } = new bool[65536];

    /// <summary>Ports that are evidence only together with an end in <see cref="Networks"/>.</summary>
    public bool[] NetworkTcpPorts { get; } = new bool[65536];

    public bool[] NetworkUdpPorts { get; } = new bool[65536];

    /// <summary>By the first two bytes of an IPv4 address: some rule has a server network there.</summary>
    public bool[] Networks { get; } = new bool[65536];

    public static void AddPorts(EndpointSet endpoints, bool[] tcpPorts, bool[] udpPorts)
    {
        foreach (var (tcp, first, last) in endpoints.Items)
        {
            Array.Fill(tcp ? tcpPorts : udpPorts, true, first, last - first + 1);
        }
    }

    /// <summary>False when no rule can have <paramref name="address"/> as a server of its networks.</summary>
    public bool MayBeInNetworks(IpAddress address) => !address.IsV6 && Networks[(int)(address.V4 >> 16)];
}
