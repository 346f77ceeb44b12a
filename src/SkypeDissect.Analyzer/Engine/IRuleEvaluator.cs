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
}

/// <summary>One rule of one version, ready to be tried on frames.</summary>
internal abstract class RuleMatcher(Rule rule, CompiledVersion version, int index)
{
    public Rule Rule { get; } = rule;

    public CompiledVersion Version { get; } = version;

    /// <summary>Position among all enabled rules (model order); identifies the rule in flow and remote tables.</summary>
    public int Index { get; } = index;

    /// <summary>The rule needs a DNS frame (checked before <see cref="TryMatch"/>, without a virtual call).</summary>
    public bool NeedsDns { get; init; }

    /// <summary>The rule needs UDP.</summary>
    public bool NeedsUdp { get; init; }

    /// <summary>The rule needs one end's port to fit these endpoints (null: any port).</summary>
    public EndpointSet? NeedsPort { get; init; }

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
    /// Marks the ports on which a frame may match this rule without any learned state (the prefilter). Rules
    /// that need DNS or state about a host mark nothing: the engine checks those conditions itself.
    /// </summary>
    public virtual void AddPortEvidence(bool[] tcpPorts, bool[] udpPorts)
    {
    }
}
