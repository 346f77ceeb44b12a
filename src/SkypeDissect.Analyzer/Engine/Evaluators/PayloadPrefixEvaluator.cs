using SkypeDissect.Analyzer.Decoding;
using SkypeDissect.Model;

namespace SkypeDissect.Analyzer.Engine.Evaluators;

/// <summary>
/// payload-prefix: the frame is the first payload-carrying TCP frame of its direction (tracked by
/// <see cref="ConnectionMemory"/> for every TCP frame), its destination port fits an endpoint (any port
/// without endpoints), its payload starts with the prefix and, when given, has exactly the length. Client:
/// the source. A later segment of the same direction never matches, even when it starts with the prefix.
/// </summary>
internal sealed class PayloadPrefixEvaluator : IRuleEvaluator
{
    public RuleKind Kind => PayloadPrefixRule.Descriptor;

    public RuleMatcher Compile(Rule rule, CompiledVersion version, int index) => new Matcher((PayloadPrefixRule)rule, version, index);

    public IFrameObserver Observer(IReadOnlyList<RuleMatcher> rules) => FirstPayloads.Instance;

    // Every TCP frame updates the payload-seen bits (docs/tagging.md 3.3); no other frame is a first payload.
    private sealed class FirstPayloads : IFrameObserver
    {
        public static readonly FirstPayloads Instance = new();

        public void Observe(ref FrameFacts frame, AnalyzerState state)
        {
            if (frame.IsTcp)
            {
                state.Connections.Observe(frame);
            }
            else
            {
                state.Connections.Skip();
            }
        }
    }

    private sealed class Matcher(PayloadPrefixRule rule, CompiledVersion version, int index) : RuleMatcher(rule, version, index)
    {
        private readonly byte[] prefix = [.. rule.PrefixBytes];
        private readonly int exactLength = rule.ExactLength ?? -1;

        public override bool TryMatch(in FrameFacts frame, AnalyzerState state, out bool clientIsSource)
        {
            clientIsSource = true;
            if (!frame.IsTcp || !state.Connections.FirstPayload)
            {
                return false;
            }

            if (NeedsPort is not null && !Endpoints.Fits(true, frame.DestinationPort))
            {
                return false;
            }

            return (exactLength < 0 || frame.Payload.Length == exactLength) && frame.Payload.StartsWith(prefix);
        }
    }
}
