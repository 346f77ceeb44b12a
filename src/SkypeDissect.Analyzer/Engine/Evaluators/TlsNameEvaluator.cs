using SkypeDissect.Analyzer.Decoding;
using SkypeDissect.Model;

namespace SkypeDissect.Analyzer.Engine.Evaluators;

/// <summary>
/// tls-name: a name the frame makes known (<see cref="Tls.TlsHandshakes"/>) matches the pattern. A ClientHello's
/// server name counts when the destination port fits an endpoint (client: the source), then a server certificate's
/// names when the source port fits (client: the destination).
/// </summary>
internal sealed class TlsNameEvaluator : IRuleEvaluator
{
    public RuleKind Kind => TlsNameRule.Descriptor;

    public RuleMatcher Compile(Rule rule, CompiledVersion version, int index) => new Matcher((TlsNameRule)rule, version, index);

    private static readonly int Slot = RuleKinds.Position(TlsNameRule.Descriptor);

    /// <summary>The kind's state in <paramref name="state"/>: the TLS handshakes it follows (docs/tagging.md 3.5).</summary>
    internal static Tls.TlsHandshakes HandshakesOf(AnalyzerState state) => (Tls.TlsHandshakes)state.KindState(Slot, static bounds => new Tls.TlsHandshakes(bounds));

    public IFrameObserver Observer(IReadOnlyList<RuleMatcher> rules)
    {
        var ports = new bool[65536];
        Prefilter.AddPorts(new EndpointSet([.. rules.SelectMany(r => r.Rule.Endpoints)]), ports, new bool[65536]);
        return new Handshakes(ports);
    }

    // Every TCP frame on a port of the kind's rules follows its connection's handshake (docs/tagging.md 3.5); the
    // names it makes known become the frame's TlsNames.
    private sealed class Handshakes(bool[] ports) : IFrameObserver
    {
        public void Observe(ref FrameFacts frame, AnalyzerState state)
        {
            if (frame.IsTcp && (ports[frame.SourcePort] || ports[frame.DestinationPort]))
            {
                frame.TlsNames = HandshakesOf(state).Observe(frame, ports);
            }
        }
    }

    private sealed class Matcher(TlsNameRule rule, CompiledVersion version, int index) : RuleMatcher(rule, version, index)
    {
        private readonly DomainMatcher domain = new(rule.Domain);

        public override bool TryMatch(in FrameFacts frame, AnalyzerState state, out bool clientIsSource)
        {
            clientIsSource = true;
            if (frame.TlsNames is not { } names)
            {
                return false;
            }

            foreach (var fromServer in (ReadOnlySpan<bool>)[false, true])
            {
                if (!Endpoints.Fits(true, fromServer ? frame.SourcePort : frame.DestinationPort))
                {
                    continue;
                }

                for (var i = 0; i < names.Count; i++)
                {
                    if (domain.Matches(names.Name(i, out var certificate)) && certificate == fromServer)
                    {
                        clientIsSource = !fromServer;
                        return true;
                    }
                }
            }

            return false;
        }
    }
}
