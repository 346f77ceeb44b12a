using SkypeDissect.Analyzer.Decoding;
using SkypeDissect.Model;

namespace SkypeDissect.Analyzer.Engine.Evaluators;

/// <summary>dns-name: the first question's name matches the pattern. Client: the asker (query source, response destination).</summary>
internal sealed class DnsNameEvaluator : IRuleEvaluator
{
    public RuleKind Kind => RuleKind.DnsName;

    public RuleMatcher Compile(Rule rule, CompiledVersion version, int index) => new Matcher((DnsNameRule)rule, version, index) { NeedsDns = true };

    private sealed class Matcher(DnsNameRule rule, CompiledVersion version, int index) : RuleMatcher(rule, version, index)
    {
        private readonly DomainMatcher domain = new(rule.Domain);

        public override bool TryMatch(in FrameFacts frame, AnalyzerState state, out bool clientIsSource)
        {
            clientIsSource = !frame.DnsResponse;
            return frame.IsDns && frame.DnsNameRead && !frame.DnsName.IsEmpty && domain.Matches(frame.DnsName);
        }
    }
}
