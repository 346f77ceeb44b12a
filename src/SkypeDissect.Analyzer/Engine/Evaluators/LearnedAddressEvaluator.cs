using SkypeDissect.Analyzer.Decoding;
using SkypeDissect.Model;

namespace SkypeDissect.Analyzer.Engine.Evaluators;

/// <summary>
/// learned-address: one end learned the other's address from a DNS answer tagged by the rule
/// <c>LearnedFrom</c> of the same version, and the other end's port fits an endpoint. Client: the learner.
/// </summary>
internal sealed class LearnedAddressEvaluator : IRuleEvaluator
{
    public RuleKind Kind => RuleKind.LearnedAddress;

    public RuleMatcher Compile(Rule rule, CompiledVersion version, int index)
    {
        var typed = (LearnedAddressRule)rule;
        return new Matcher(typed, version, index) { NeedsPort = new EndpointSet(typed.Endpoints) };
    }

    private sealed class Matcher(LearnedAddressRule rule, CompiledVersion version, int index) : RuleMatcher(rule, version, index)
    {
        private readonly EndpointSet endpoints = new(rule.Endpoints);

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
            && endpoints.Fits(frame.IsTcp, frame.Port(!clientIsSource));
    }
}
