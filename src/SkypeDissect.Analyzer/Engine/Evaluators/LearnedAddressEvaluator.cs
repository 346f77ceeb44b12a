using SkypeDissect.Analyzer.Decoding;
using SkypeDissect.Model;

namespace SkypeDissect.Analyzer.Engine.Evaluators;

/// <summary>
/// learned-address: one end learned the other's address from a DNS answer tagged by the rule
/// <c>LearnedFrom</c> of the same version, and the other end's port fits an endpoint. Client: the learner.
/// </summary>
internal sealed class LearnedAddressEvaluator : IRuleEvaluator
{
    public RuleKind Kind => LearnedAddressRule.Descriptor;

    public RuleMatcher Compile(Rule rule, CompiledVersion version, int index) => new Matcher((LearnedAddressRule)rule, version, index);

    private sealed class Matcher(LearnedAddressRule rule, CompiledVersion version, int index) : RuleMatcher(rule, version, index)
    {

        public override bool TryMatch(in FrameFacts frame, AnalyzerState state, out bool clientIsSource)
        {
            clientIsSource = true;
            if (state.Learned.Count == 0)
            {
                return false;
            }

            if (Fits(frame, state, clientIsSource: true))
            {
                return true;
            }

            clientIsSource = false;
            return Fits(frame, state, clientIsSource: false);
        }

        private bool Fits(in FrameFacts frame, AnalyzerState state, bool clientIsSource) =>
            state.TryGetLearned(frame.Address(clientIsSource), frame.Address(!clientIsSource), out var learned)
            && learned.Version == Version.Id
            && learned.Rule == rule.LearnedFrom
            && Endpoints.Fits(frame.IsTcp, frame.Port(!clientIsSource));

        public override LearnedEntry? LearnedOf(AnalyzerState state, IpAddress client, IpAddress server) =>
            state.Learned.TryGetValue((client, server), out var entry) ? entry : null;
    }
}
