using SkypeDissect.Analyzer.Decoding;
using SkypeDissect.Model;

namespace SkypeDissect.Analyzer.Engine.Evaluators;

/// <summary>
/// timed-fallback: a TCP SYN without ACK whose destination port fits an endpoint, from a client that opened
/// its latest connection to the same destination address under the rule <c>After</c> at t0, with
/// <c>0 &lt;= time - t0 &lt;= MaxDelaySeconds</c>. Client: the source. The openings are recorded by the engine
/// (<see cref="ConnectionMemory.Open"/>) after a SYN the <c>After</c> rule tagged.
/// </summary>
internal sealed class TimedFallbackEvaluator : IRuleEvaluator
{
    public RuleKind Kind => TimedFallbackRule.Descriptor;

    public RuleMatcher Compile(Rule rule, CompiledVersion version, int index) => new Matcher((TimedFallbackRule)rule, version, index);

    private sealed class Matcher(TimedFallbackRule rule, CompiledVersion version, int index) : RuleMatcher(rule, version, index)
    {
        private readonly int after = version.IndexOf(rule.After);

        // The rule it follows remembers the SYNs it tags as openings.
        public override void Prepare(IReadOnlyList<RuleMatcher> all) => all[after].OpensFallbacks = true;

        public override bool TryMatch(in FrameFacts frame, AnalyzerState state, out bool clientIsSource)
        {
            clientIsSource = true;
            if (!frame.IsTcp || !frame.Syn || frame.Ack || !Endpoints.Fits(true, frame.DestinationPort))
            {
                return false;
            }

            if (!state.Connections.Openings.TryGetValue((frame.Source, frame.Destination, after), out var opened))
            {
                return false;
            }

            var delay = frame.Time - opened.Time;
            return delay >= 0 && delay <= rule.MaxDelaySeconds;
        }
    }
}
