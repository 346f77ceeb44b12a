using SkypeDissect.Analyzer.Capture;
using SkypeDissect.Analyzer.Decoding;
using SkypeDissect.Model;

namespace SkypeDissect.Analyzer.Engine;

/// <summary>
/// Judges frames in capture order (docs/tagging.md section 2): flow memory, then the enabled rules in model
/// order with their gates, then the state update. Frames that no rule can match (no DNS, no port of a
/// port-based rule, no state about either host) are dropped after decoding, without allocating.
/// </summary>
internal sealed class TaggingEngine(CompiledModel model, bool details = true)
{
    private const int AddressTextLimit = 4096;

    private readonly PacketDecoder decoder = new();

    // An array, not the IReadOnlyList: a foreach over the interface allocates an enumerator for every frame.
    private readonly RuleMatcher[] matchers = [.. model.Matchers];
    private readonly byte[] dnsName = new byte[DnsMessage.MaxNameLength];

    // The few clients and servers of a login appear on thousands of tagged frames: their text is made once.
    // Cleared when full, so a capture of many hosts costs a string per host and frame, as without it.
    private readonly Dictionary<IpAddress, string> addressText = [];

    public AnalyzerState State { get; } = new();

    public PacketDecoder Decoder => decoder;

    public TaggedFrame? Process(in CaptureRecord record, ReadOnlySpan<byte> data)
    {
        if (!decoder.TryDecode(record, data, out var f))
        {
            return null;
        }

        // Without payload-prefix rules no frame is ever a first payload, so nothing needs resetting.
        if (model.TracksFirstPayload)
        {
            if (f.IsTcp)
            {
                State.Connections.Observe(f);
            }
            else
            {
                State.Connections.Skip();
            }
        }

        RuleMatcher? hit = null;
        var clientIsSource = true;
        var fromFlow = false;
        if (f.IsTcp && State.Flows.Count > 0)
        {
            var key = FlowKey.Of(f.Source, f.SourcePort, f.Destination, f.DestinationPort);
            if (State.TryUseFlow(key, f.Time, out var flow))
            {
                if (f.Syn && !f.Ack)
                {
                    State.Flows.Remove(key); // a new connection on the same ports
                }
                else
                {
                    hit = model.Matchers[flow.Matcher];
                    clientIsSource = f.Source == flow.Client;
                    fromFlow = true;
                }
            }
        }

        if (hit is null)
        {
            if (!MayMatch(ref f) || (hit = FirstMatch(f, out clientIsSource)) is null)
            {
                return null;
            }

            if (f.IsTcp)
            {
                State.SetFlow(FlowKey.Of(f.Source, f.SourcePort, f.Destination, f.DestinationPort), new FlowEntry(hit.Index, f.Address(clientIsSource)), f.Time);
                if (f.Syn && !f.Ack && clientIsSource && hit.OpensFallbacks)
                {
                    State.Connections.Open(f.Source, f.Destination, hit.Index, f.Time, f.SourcePort, f.DestinationPort);
                }
            }
        }

        return Update(f, hit, clientIsSource, fromFlow);
    }

    private bool MayMatch(ref FrameFacts f)
    {
        if (f.IsDns && model.HasDnsRules)
        {
            f.DnsNameRead = DnsMessage.TryReadFirstQuestion(f.Payload, dnsName, out f.DnsResponse, out var length);
            f.DnsName = length > 0 ? dnsName.AsSpan(0, length) : default;
            return true;
        }

        var prefilter = model.Prefilter;
        var ports = f.IsTcp ? prefilter.TcpPorts : prefilter.UdpPorts;
        var networkPorts = f.IsTcp ? prefilter.NetworkTcpPorts : prefilter.NetworkUdpPorts;
        return ports[f.SourcePort] || ports[f.DestinationPort]
            || ((networkPorts[f.SourcePort] || networkPorts[f.DestinationPort]) && (prefilter.MayBeInNetworks(f.Source) || prefilter.MayBeInNetworks(f.Destination)))
            || State.IsKnownHost(f.Source) || State.IsKnownHost(f.Destination)
            || (f.Syn && !f.Ack && State.Connections.MayHaveOpenings(f.Source)); // a timed fall-back's SYN, from its client
    }

    private RuleMatcher? FirstMatch(in FrameFacts f, out bool clientIsSource)
    {
        foreach (var m in matchers)
        {
            if (m.Admits(f)
                && m.TryMatch(f, State, out clientIsSource)
                && LoginTracker.Passes(m.Rule.Gate, State.Clients, f.Address(clientIsSource), f.Time, m.Version.LoginWindow))
            {
                return m;
            }
        }

        clientIsSource = true;
        return null;
    }

    private TaggedFrame Update(in FrameFacts f, RuleMatcher hit, bool clientIsSource, bool fromFlow)
    {
        var client = f.Address(clientIsSource);
        var server = f.Address(!clientIsSource);
        var rule = hit.Rule;
        if (!fromFlow)
        {
            hit.OnTagged(f, State, client, server);
        }

        ExpertEvent? expert = null;
        LoginProgress? login = null;
        if (rule.Group == GroupIds.LoginServer)
        {
            var observation = new LoginTracker.Observation(
                client, f.Source == client, f.IsTcp, f.Port(!clientIsSource), f.Port(clientIsSource), rule.Kind.Lookup, f.Time);
            expert = LoginTracker.Update(State, hit.Version, observation);
            if (State.Clients.TryGetValue(client, out var cs))
            {
                login = new LoginProgress(cs.Round, cs.Stage >= 0 ? hit.Version.Ladder[cs.Stage].Stage : null, cs.Start, cs.Complete);
            }
        }

        var learned = hit.LearnedOf(State, client, server);
        return new TaggedFrame(
            new FrameTag(f.Number, rule.Step, rule.Group, rule.Id, hit.Version.Id),
            f.Time,
            f.IsTcp ? "tcp" : "udp",
            Text(client),
            f.Port(clientIsSource),
            Text(server),
            f.Port(!clientIsSource),
            fromFlow,
            expert,
            login,
            learned?.Position,
            learned?.Count,
            details ? Detail(f) : null);
    }

    private string Text(IpAddress address)
    {
        if (!addressText.TryGetValue(address, out var text))
        {
            if (addressText.Count >= AddressTextLimit)
            {
                addressText.Clear();
            }

            addressText[address] = text = address.ToString();
        }

        return text;
    }

    // Only for tagged frames: the DNS name, or the first line of a GET (bounded, printable ASCII only).
    private static string? Detail(in FrameFacts f)
    {
        if (f.IsDns)
        {
            return f.DnsName.Length > 0 ? System.Text.Encoding.ASCII.GetString(f.DnsName) : null;
        }

        var p = f.Payload;
        if (!f.IsTcp || !p.StartsWith("GET "u8))
        {
            return null;
        }

        p = p[..Math.Min(p.Length, 512)];
        var end = p.IndexOfAny((byte)'\r', (byte)'\n');
        var line = end < 0 ? p : p[..end];
        foreach (var b in line)
        {
            if (b < 0x20 || b > 0x7e)
            {
                return null;
            }
        }

        return System.Text.Encoding.ASCII.GetString(line);
    }
}
