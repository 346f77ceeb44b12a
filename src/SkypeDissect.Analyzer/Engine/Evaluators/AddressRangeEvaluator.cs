using SkypeDissect.Analyzer.Decoding;
using SkypeDissect.Model;

namespace SkypeDissect.Analyzer.Engine.Evaluators;

/// <summary>
/// address-range: the destination (else the source) is an IPv4 address in one of the ranges and its port
/// fits an endpoint. Client: the other end.
/// </summary>
internal sealed class AddressRangeEvaluator : IRuleEvaluator
{
    public RuleKind Kind => RuleKind.AddressRange;

    public RuleMatcher Compile(Rule rule, CompiledVersion version, int index)
    {
        var typed = (AddressRangeRule)rule;
        return new Matcher(typed, version, index) { NeedsPort = new EndpointSet(typed.Endpoints) };
    }

    private sealed class Matcher : RuleMatcher
    {
        private readonly EndpointSet endpoints;
        private readonly (uint First, uint Last)[] ranges;

        public Matcher(AddressRangeRule rule, CompiledVersion version, int index)
            : base(rule, version, index)
        {
            endpoints = new EndpointSet(rule.Endpoints);
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

        public override void AddPortEvidence(bool[] tcpPorts, bool[] udpPorts)
        {
            foreach (var (tcp, first, last) in endpoints.Items)
            {
                Array.Fill(tcp ? tcpPorts : udpPorts, true, first, last - first + 1);
            }
        }

        private bool IsServer(IpAddress address, bool tcp, int port)
        {
            if (address.IsV6 || !endpoints.Fits(tcp, port))
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
