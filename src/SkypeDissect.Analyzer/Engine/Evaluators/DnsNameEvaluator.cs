using SkypeDissect.Analyzer.Decoding;
using SkypeDissect.Model;

namespace SkypeDissect.Analyzer.Engine.Evaluators;

/// <summary>dns-name: the first question's name matches the pattern. Client: the asker (query source, response destination).</summary>
internal sealed class DnsNameEvaluator : IRuleEvaluator
{
    public RuleKind Kind => DnsNameRule.Descriptor;

    public RuleMatcher Compile(Rule rule, CompiledVersion version, int index) => new Matcher((DnsNameRule)rule, version, index);

    private sealed class Matcher(DnsNameRule rule, CompiledVersion version, int index) : RuleMatcher(rule, version, index)
    {
        private readonly DomainMatcher domain = new(rule.Domain);
        private readonly List<IpAddress> answersA = [];
        private readonly List<IpAddress> answersAaaa = [];

        public override bool TryMatch(in FrameFacts frame, AnalyzerState state, out bool clientIsSource)
        {
            clientIsSource = !frame.DnsResponse;
            return frame.IsDns && frame.DnsNameRead && !frame.DnsName.IsEmpty && domain.Matches(frame.DnsName);
        }

        /// <summary>An answer teaches its client every A, then every AAAA address, numbered from 1 (docs/tagging.md section 4).</summary>
        public override void OnTagged(in FrameFacts frame, AnalyzerState state, IpAddress client, IpAddress server)
        {
            if (!frame.DnsResponse)
            {
                return;
            }

            answersA.Clear();
            answersAaaa.Clear();
            DnsMessage.ReadAddresses(frame.Payload, answersA, answersAaaa);
            answersA.AddRange(answersAaaa);
            for (var i = 0; i < answersA.Count; i++)
            {
                state.Learn(client, answersA[i], new LearnedEntry(Version.Id, Rule.Id, i + 1, answersA.Count));
            }
        }
    }
}
