using SkypeDissect.Analyzer.Decoding;
using SkypeDissect.Model;

namespace SkypeDissect.Analyzer.Engine.Evaluators;

/// <summary>
/// address-range: the destination (else the source) is an IPv4 address in one of the ranges and its port
/// fits an endpoint. Client: the other end.
/// </summary>
internal sealed class AddressRangeEvaluator : IRuleEvaluator
{
    public RuleKind Kind => AddressRangeRule.Descriptor;

    public RuleMatcher Compile(Rule rule, CompiledVersion version, int index) => new Matcher((AddressRangeRule)rule, version, index);

    private sealed class Matcher : RuleMatcher
    {
        private readonly (uint First, uint Last)[] ranges;

        public Matcher(AddressRangeRule rule, CompiledVersion version, int index)
            : base(rule, version, index)
        {
            ranges = rule.Ranges
                .Where(r => r.FirstAddress is not null && r.LastAddress is not null)
                .Select(r => (r.FirstAddress!.Value, r.LastAddress!.Value))
                .ToArray();
        }

        public override bool TryMatch(in FrameFacts frame, AnalyzerState state, out bool clientIsSource)
        {
            clientIsSource = true; // the server is the destination
            if (IsServer(frame.Destination, frame.IsTcp, frame.DestinationPort))
            {
                return true;
            }

            clientIsSource = false;
            return IsServer(frame.Source, frame.IsTcp, frame.SourcePort);
        }

        // Its port alone is no evidence: the frame must also have an end in one of the ranges' networks.
        public override void AddPrefilter(Prefilter prefilter)
        {
            Prefilter.AddPorts(Endpoints, prefilter.NetworkTcpPorts, prefilter.NetworkUdpPorts);
            foreach (var (first, last) in ranges)
            {
                Array.Fill(prefilter.Networks, true, (int)(first >> 16), (int)(last >> 16) - (int)(first >> 16) + 1);
            }
        }

        private bool IsServer(IpAddress address, bool tcp, int port)
        {
            if (address.IsV6 || !Endpoints.Fits(tcp, port))
            {
                return false;
            }

            var v4 = address.V4;
            foreach (var (first, last) in ranges)
            {
                if (v4 >= first && v4 <= last)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
