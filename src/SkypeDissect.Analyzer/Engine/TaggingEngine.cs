using SkypeDissect.Analyzer.Capture;
using SkypeDissect.Analyzer.Decoding;
using SkypeDissect.Model;

namespace SkypeDissect.Analyzer.Engine;

/// <summary>
/// Judges frames in capture order (docs/tagging.md section 2): flow memory, then the enabled rules in model
/// order with their gates, then the state update. Frames that no rule can match (no DNS, no port of a
/// port-based rule, no state about either host) are dropped after decoding, without allocating.
/// </summary>
internal sealed class TaggingEngine(CompiledModel model, bool details = true, StateBounds? bounds = null)
{
    private const int AddressTextLimit = 4096;

    private readonly PacketDecoder decoder = new();

    // An array, not the IReadOnlyList: a foreach over the interface allocates an enumerator for every frame.
    private readonly RuleMatcher[] matchers = [.. model.Matchers];
    private readonly IFrameObserver[] observers = model.Observers;
    private readonly byte[] dnsName = new byte[DnsMessage.MaxNameLength];

    // The few clients and servers of a login appear on thousands of tagged frames: their text is made once.
    // Cleared when full, so a capture of many hosts costs a string per host and frame, as without it.
    private readonly Dictionary<IpAddress, string> addressText = [];

    // With several versions enabled, each frame's candidates (one per version) and each client's attribution.
    private readonly VersionAttribution? attribution = model.Attributes ? new VersionAttribution(model) : null;

    public AnalyzerState State { get; } = new(bounds);

    public PacketDecoder Decoder => decoder;

    public TaggedFrame? Process(in CaptureRecord record, ReadOnlySpan<byte> data)
    {
        if (!decoder.TryDecode(record, data, out var f))
        {
            return null;
        }

        // What the enabled kinds watch on every frame, whatever then happens to it (IRuleEvaluator.Observer).
        foreach (var observer in observers)
        {
            observer.Observe(ref f, State);
        }

        RuleMatcher? hit = null;
        var clientIsSource = true;
        var fromFlow = false;
        var reopened = false; // a SYN on the ports of a remembered connection: a retransmission (or a reuse), no new attempt
        ExchangeMarks? marks = null;
        if (f.IsTcp && State.Flows.Count > 0)
        {
            var key = FlowKey.Of(f.Source, f.SourcePort, f.Destination, f.DestinationPort);
            if (State.TryUseFlow(key, f.Time, out var flow))
            {
                if (f.Syn && !f.Ack)
                {
                    State.Flows.Remove(key); // a new connection on the same ports
                    reopened = true;
                }
                else
                {
                    hit = model.Matchers[flow.Matcher];
                    clientIsSource = f.Source == flow.Client;
                    fromFlow = true;
                    marks = flow.Marks;
                    attribution?.NoteFlowFrame(State, f, hit, flow.Client);
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
                marks = hit.Rule.Group == GroupIds.LoginServer ? new ExchangeMarks() : null;
                State.SetFlow(FlowKey.Of(f.Source, f.SourcePort, f.Destination, f.DestinationPort), new FlowEntry(hit.Index, f.Address(clientIsSource), marks), f.Time);
                if (f.Syn && !f.Ack && clientIsSource && hit.OpensFallbacks)
                {
                    State.Connections.Open(f.Source, f.Destination, hit.Index, f.Time, f.SourcePort, f.DestinationPort);
                }
            }
        }

        return Update(f, hit, clientIsSource, fromFlow, reopened, marks);
    }

    private bool MayMatch(ref FrameFacts f)
    {
        if (f.TlsNames is not null)
        {
            return true;
        }

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

    /// <summary>
    /// Section 2, item 2: the first rule in model order that matches and passes its gate; with several versions
    /// enabled, each version's first such rule is its candidate, and the client's version decides (section 2.1).
    /// </summary>
    private RuleMatcher? FirstMatch(in FrameFacts f, out bool clientIsSource)
    {
        RuleMatcher? first = null;
        clientIsSource = true;
        attribution?.Begin();
        var i = 0;
        while (i < matchers.Length)
        {
            var m = matchers[i];
            if (m.Admits(f)
                && m.TryMatch(f, State, out var side)
                && LoginTracker.Passes(m.Rule.Gate, State.Clients, f.Address(side), f.Time, m.Version.LoginWindow, m.Version.Ordinal))
            {
                if (first is null)
                {
                    first = m;
                    clientIsSource = side;
                    if (attribution is null)
                    {
                        return m;
                    }
                }

                // The version's first matching rule is its candidate; one naming the other end as the client is not counted.
                if (side == clientIsSource)
                {
                    attribution!.Add(m);
                }

                i = m.Version.EndIndex;
                continue;
            }

            i++;
        }

        return first is null ? null : attribution!.Choose(State, f, first, f.Address(clientIsSource));
    }

    private TaggedFrame Update(in FrameFacts f, RuleMatcher hit, bool clientIsSource, bool fromFlow, bool reopened, ExchangeMarks? marks)
    {
        var client = f.Address(clientIsSource);
        var server = f.Address(!clientIsSource);
        var rule = hit.Rule;
        if (!fromFlow)
        {
            hit.OnTagged(f, State, client, server);
            if (rule.Kind.TagsCompanion && hit.TryGetCompanion(f, State, out var companion))
            {
                State.InstallFlow(companion, new FlowEntry(hit.Index, client), f.Time);
            }
        }

        // The client's version (section 2.1): its login procedure applies, whichever version's rule tagged the frame.
        var procedure = attribution?.VersionOf(State, client) ?? hit.Version;
        ExpertEvent? expert = null;
        LoginProgress? login = null;
        if (rule.Group == GroupIds.LoginServer)
        {
            var toServer = f.Source == client;
            var observation = new LoginTracker.Observation(
                client, server, toServer, f.IsTcp, f.Port(!clientIsSource), f.Port(clientIsSource), rule.Kind.Lookup, f.Time,
                f.IsTcp && toServer && f.Syn && !f.Ack && !fromFlow && !reopened, !f.Payload.IsEmpty, f.Ack, f.AckNumber, f.Fin || f.Rst, marks);
            expert = LoginTracker.Update(State, model.Versions, procedure.Ordinal, observation);
            if (State.Clients.TryGetValue(client, out var readings))
            {
                login = Progress(readings[procedure.Ordinal], procedure);
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
            details ? Detail(f) : null,
            procedure.Id);
    }

    private LoginProgress Progress(ClientState cs, CompiledVersion version) => new(
        cs.Round,
        cs.Stage >= 0 ? version.Ladder[cs.Stage].Stage : null,
        cs.Start,
        cs.Complete,
        cs.Server is { } s ? End(s) : null,
        cs.ThroughRung >= 0 ? version.Ladder[cs.ThroughRung].Stage : null,
        cs.ThroughServer is { } t && cs.ThroughRung >= 0 ? End(t) : null,
        cs.Round > 0 ? cs.RoundStart : null);

    private LoginEndpoint End(LoginEnd end) => new(Text(end.Address), end.Port, end.Tcp ? "tcp" : "udp");

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
