using SkypeDissect.Analyzer.Decoding;
using SkypeDissect.Model;

namespace SkypeDissect.Analyzer.Engine.Evaluators;

/// <summary>
/// after-login: one end has login state and the other end's port fits an endpoint; the gate (never
/// <c>none</c>) is the evidence. Client: the end with login state (source first).
/// </summary>
internal sealed class AfterLoginEvaluator : IRuleEvaluator
{
    public RuleKind Kind => AfterLoginRule.Descriptor;

    public RuleMatcher Compile(Rule rule, CompiledVersion version, int index) => new Matcher((AfterLoginRule)rule, version, index);

    private sealed class Matcher(AfterLoginRule rule, CompiledVersion version, int index) : RuleMatcher(rule, version, index)
    {

        public override bool TryMatch(in FrameFacts frame, AnalyzerState state, out bool clientIsSource)
        {
            clientIsSource = true;
            if (state.Clients.Count == 0)
            {
                return false;
            }

            if (state.Clients.ContainsKey(frame.Source) && Endpoints.Fits(frame.IsTcp, frame.DestinationPort))
            {
                return true;
            }

            clientIsSource = false;
            return state.Clients.ContainsKey(frame.Destination) && Endpoints.Fits(frame.IsTcp, frame.SourcePort);
        }
    }
}
