using SkypeDissect.Analyzer.Decoding;
using SkypeDissect.Model;

namespace SkypeDissect.Analyzer.Engine.Evaluators;

/// <summary>
/// timed-retry: a TCP SYN without ACK whose destination port fits an endpoint, of one of the source's two latest
/// connections to the destination address and port (<see cref="RecentConnections"/>, observed before
/// the rules), whose first SYNs lie <c>MinDelaySeconds</c> to <c>MaxDelaySeconds</c> apart. Client: the source.
/// Once tagged by the rules, the other connection of the two carries the tag too (flow memory installed for it).
/// </summary>
internal sealed class TimedRetryEvaluator : IRuleEvaluator
{
    public RuleKind Kind => TimedRetryRule.Descriptor;

    public RuleMatcher Compile(Rule rule, CompiledVersion version, int index) => new Matcher((TimedRetryRule)rule, version, index);

    public IFrameObserver Observer(IReadOnlyList<RuleMatcher> rules) => Syns.Instance;

    private static readonly int Slot = RuleKinds.Position(TimedRetryRule.Descriptor);

    /// <summary>The kind's state in <paramref name="state"/>: the two latest connections of clients with login state per server address and port.</summary>
    internal static RecentConnections RecentOf(AnalyzerState state) => (RecentConnections)state.KindState(Slot, static bounds => new RecentConnections(bounds));

    // Every SYN without ACK of a client with login state is a connection of its recent ones (docs/tagging.md 3.6).
    private sealed class Syns : IFrameObserver
    {
        public static readonly Syns Instance = new();

        public void Observe(ref FrameFacts frame, AnalyzerState state)
        {
            if (frame.IsTcp && frame.Syn && !frame.Ack && state.Clients.ContainsKey(frame.Source))
            {
                RecentOf(state).Observe(frame);
            }
        }
    }

    private sealed class Matcher(TimedRetryRule rule, CompiledVersion version, int index) : RuleMatcher(rule, version, index)
    {
        public override bool TryMatch(in FrameFacts frame, AnalyzerState state, out bool clientIsSource)
        {
            clientIsSource = true;
            if (!frame.IsTcp || !frame.Syn || frame.Ack || !Endpoints.Fits(true, frame.DestinationPort))
            {
                return false;
            }

            if (!RecentOf(state).Table.TryGetValue((frame.Source, frame.Destination, frame.DestinationPort), out var recent)
                || !recent.HasPrevious || !recent.Holds(frame.SourcePort))
            {
                return false;
            }

            var delay = recent.LatestTime - recent.PreviousTime;
            return delay >= rule.MinDelaySeconds && delay <= rule.MaxDelaySeconds;
        }

        // The other connection of the two carries the tag from now on (the engine installs it unless remembered).
        public override bool TryGetCompanion(in FrameFacts frame, AnalyzerState state, out FlowKey companion)
        {
            companion = default;
            if (!RecentOf(state).Table.TryGetValue((frame.Source, frame.Destination, frame.DestinationPort), out var recent))
            {
                return false;
            }

            var other = frame.SourcePort == recent.LatestPort ? recent.PreviousPort : recent.LatestPort;
            companion = FlowKey.Of(frame.Source, other, frame.Destination, frame.DestinationPort);
            return true;
        }
    }
}
