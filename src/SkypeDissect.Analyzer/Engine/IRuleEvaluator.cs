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
