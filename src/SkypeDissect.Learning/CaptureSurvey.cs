using System.Buffers.Binary;
using System.Text;
using SkypeDissect.Analyzer.Capture;
using SkypeDissect.Analyzer.Decoding;
using SkypeDissect.Model;

namespace SkypeDissect.Learning;

/// <summary>
/// One pass over a capture that keeps what the learner needs: every DNS message and a bounded summary of
/// every TCP connection and UDP conversation, each with what the base version's rules did to its frames
/// (<see cref="BaseRun"/>). Frames are decoded exactly as the tagging engine sees them
/// (<see cref="PacketDecoder"/>: one IP header, UDP or TCP, fragments reassembled, ICMP ignored).
/// Memory is bounded by <see cref="MaxFlows"/>, <see cref="MaxDns"/> and the TLS head budget.
/// </summary>
internal sealed class CaptureSurvey(CaptureRef capture, BaseRun baseRun)
{
    public const int MaxFlows = 65536;
    public const int MaxDns = 65536;
    public const int PayloadHead = 256;
    public const int TlsHead = 4096;
    private const long TlsBudget = 16L << 20;

    private readonly PacketDecoder decoder = new();
    private readonly Dictionary<(bool Tcp, IpAddress A, int PortA, IpAddress B, int PortB), FlowSeen> open = [];
    private readonly Dictionary<int, TlsBuffers> tls = [];
    private readonly byte[] nameBuffer = new byte[DnsMessage.MaxNameLength];
    private readonly List<IpAddress> a = [];
    private readonly List<IpAddress> aaaa = [];
    private long tlsBytes;

    public List<DnsSeen> Dns { get; } = [];

    public List<FlowSeen> Flows { get; } = [];

    public long FrameCount { get; private set; }

    /// <summary>The earliest record time (records need not be in time order).</summary>
    public double? FirstTime { get; private set; }

    /// <summary>The latest record time.</summary>
    public double LastTime { get; private set; } = double.MinValue;

    /// <summary>DNS messages not kept because <see cref="MaxDns"/> were kept.</summary>
    public long DroppedDns { get; private set; }

    /// <summary>Frames of flows not kept because <see cref="MaxFlows"/> were kept (each frame of such a flow counts).</summary>
    public long DroppedFlowFrames { get; private set; }

    /// <summary>What a bound kept out, in words, or null when nothing was.</summary>
    public string? Dropped => DroppedDns + DroppedFlowFrames == 0 ? null : string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"past the learner's bounds ({MaxDns:N0} DNS messages, {MaxFlows:N0} flows per capture), {DroppedDns:N0} DNS messages and {DroppedFlowFrames:N0} frames of further flows were not kept; the report is learned from the rest");

    /// <summary>The reason reading stopped early (a damaged file), or null after a clean end.</summary>
    public string? Error { get; private set; }

    /// <summary>Reads the whole capture; damage ends the pass with <see cref="Error"/> set, keeping what was read.</summary>
    public static CaptureSurvey Read(Stream capture, CaptureRef name, ClientVersion baseVersion)
    {
        var survey = new CaptureSurvey(name, new BaseRun(baseVersion));
        try
        {
            var reader = CaptureReader.Open(capture);
            while (reader.TryRead(out var record))
            {
                survey.Add(record, reader.Data);
            }
        }
        catch (CaptureFormatException ex)
        {
            survey.Error = ex.Message;
        }

        survey.Finish();
        name.Start = survey.FirstTime ?? 0;
        return survey;
    }

    private void Add(in CaptureRecord record, ReadOnlySpan<byte> data)
    {
        FrameCount = record.Number;
        FirstTime = Math.Min(FirstTime ?? record.Time, record.Time);
        LastTime = Math.Max(LastTime, record.Time);
        var tag = baseRun.Tag(record, data);
        if (!decoder.TryDecode(record, data, out var facts))
        {
            return;
        }

        if (facts.IsDns)
        {
            // The question is read as the engine reads it, so the base's evaluators see the frame the engine saw.
            facts.DnsNameRead = DnsMessage.TryReadFirstQuestion(facts.Payload, nameBuffer, out facts.DnsResponse, out var length);
            facts.DnsName = length > 0 ? nameBuffer.AsSpan(0, length) : default;
            if (facts.DnsNameRead && length >= 0)
            {
                AddDns(ref facts, length, tag, baseRun.Match(facts));
            }
        }
        else
        {
            AddFlowFrame(ref facts, tag, baseRun.Match(facts));
        }
    }

    private void AddDns(ref FrameFacts f, int length, int tag, IReadOnlyList<int> matches)
    {
        var response = f.DnsResponse;
        if (Dns.Count >= MaxDns)
        {
            DroppedDns++;
            return;
        }

        a.Clear();
        aaaa.Clear();
        if (response)
        {
            DnsMessage.ReadAddresses(f.Payload, a, aaaa);
        }

        var client = response ? f.Destination : f.Source;
        var clientPort = response ? f.DestinationPort : f.SourcePort;
        var rcode = response ? f.Payload[3] & 0x0F : 0;
        var answers = BinaryPrimitives.ReadUInt16BigEndian(f.Payload[6..]);
        var addresses = a.Concat(aaaa).Select(x => x.ToString()).ToList();
        Dns.Add(new DnsSeen(capture, f.Number, f.Time, client, clientPort, response, rcode, Encoding.ASCII.GetString(nameBuffer, 0, length), addresses, answers,
            tag, [.. matches]));
    }

    private void AddFlowFrame(ref FrameFacts f, int tag, IReadOnlyList<int> matches)
    {
        var forward = f.Source.CompareTo(f.Destination) < 0 || (f.Source == f.Destination && f.SourcePort <= f.DestinationPort);
        var key = forward
            ? (f.IsTcp, f.Source, f.SourcePort, f.Destination, f.DestinationPort)
            : (f.IsTcp, f.Destination, f.DestinationPort, f.Source, f.SourcePort);
        var synOnly = f.IsTcp && f.Syn && !f.Ack;
        if (!open.TryGetValue(key, out var flow) || (synOnly && flow.Ended && flow.Client == f.Source && flow.ClientPort == f.SourcePort))
        {
            flow = Start(ref f, synOnly);
            if (flow is null)
            {
                return;
            }

            open[key] = flow;
        }

        Count(flow, ref f, matches);
        AddDistinct(flow.BaseMatches, matches);
        if (tag >= 0 && !flow.BaseTags.Contains(tag))
        {
            flow.BaseTags.Add(tag);
        }
    }

    private static void AddDistinct(List<int> to, IReadOnlyList<int> items)
    {
        foreach (var i in items)
        {
            if (!to.Contains(i))
            {
                to.Add(i);
            }
        }
    }

    private FlowSeen? Start(ref FrameFacts f, bool synOnly)
    {
        if (Flows.Count >= MaxFlows)
        {
            DroppedFlowFrames++;
            return null;
        }

        // The client sends the SYN (TCP) or the first datagram (UDP); a connection seen mid-way is guessed
        // from its ports: the client usually holds the ephemeral, higher one.
        var fromSource = !f.IsTcp || synOnly || (!(f.Syn && f.Ack) && f.SourcePort >= f.DestinationPort);
        var flow = fromSource
            ? new FlowSeen(capture, Flows.Count, f.IsTcp, f.Source, f.SourcePort, f.Destination, f.DestinationPort)
            : new FlowSeen(capture, Flows.Count, f.IsTcp, f.Destination, f.DestinationPort, f.Source, f.SourcePort);
        flow.FirstFrame = f.Number;
        flow.FirstTime = f.Time;
        flow.MidStream = f.IsTcp && !synOnly && !(f.Syn && f.Ack);
        Flows.Add(flow);
        return flow;
    }

    private void Count(FlowSeen flow, ref FrameFacts f, IReadOnlyList<int> matches)
    {
        var fromClient = f.Source == flow.Client && f.SourcePort == flow.ClientPort;
        flow.Frames++;
        flow.LastFrame = f.Number;
        flow.LastTime = f.Time;
        var payload = f.IsTcp || f.UdpPayloadDissected ? f.Payload : [];
        if (fromClient)
        {
            flow.ClientFrames++;
            flow.ClientBytes += payload.Length;
            if (f.IsTcp && f.Syn && !f.Ack && flow.SynFrames.Count < FlowSeen.MaxKeyFrames)
            {
                flow.SynFrames.Add(f.Number);
            }

            if (!f.IsTcp && flow.ClientSends.Count < FlowSeen.MaxSends)
            {
                flow.ClientSends.Add((f.Number, f.Time));
            }
        }
        else
        {
            flow.ServerFrames++;
            flow.ServerBytes += payload.Length;
            if (f.IsTcp && f.Syn && f.Ack && flow.SynAckFrame is null)
            {
                flow.SynAckFrame = f.Number;
                flow.SynAckTime = f.Time;
            }
        }

        if (payload.Length > 0)
        {
            Payload(flow, fromClient, f.Number, f.Time, payload, matches);
        }
    }

    private void Payload(FlowSeen flow, bool fromClient, long frame, double time, ReadOnlySpan<byte> payload, IReadOnlyList<int> matches)
    {
        if ((fromClient ? flow.ClientFirst : flow.ServerFirst) is null)
        {
            var first = new PayloadSeen(frame, time, payload.Length, payload[..Math.Min(PayloadHead, payload.Length)].ToArray(), [.. matches]);
            if (fromClient)
            {
                flow.ClientFirst = first;
            }
            else
            {
                flow.ServerFirst = first;
            }
        }

        Turn(flow, fromClient, frame, time);

        if (flow.IsTcp)
        {
            CollectTls(flow, fromClient, frame, payload);
        }
    }

    /// <summary>Counts the first payload frames while they alternate client, server, client, server (<see cref="FlowSeen.Exchanged"/>).</summary>
    private static void Turn(FlowSeen flow, bool fromClient, long frame, double time)
    {
        if (flow.Turns is < 0 or >= 4)
        {
            return;
        }

        flow.Turns = fromClient == (flow.Turns % 2 == 0) ? flow.Turns + 1 : -1;
        if (flow.Turns == 4)
        {
            flow.Exchanged = (frame, time);
        }
    }

    /// <summary>Keeps the first bytes of each side of a TLS-looking connection until its names can be read.</summary>
    private void CollectTls(FlowSeen flow, bool fromClient, long frame, ReadOnlySpan<byte> payload)
    {
        if (!tls.TryGetValue(flow.Id, out var buffers))
        {
            var head = fromClient ? flow.ClientFirst : flow.ServerFirst;
            if (head is null || head.Frame != frame || !TlsNames.IsHandshake(payload) || tlsBytes + TlsHead > TlsBudget)
            {
                return;
            }

            buffers = new TlsBuffers();
            tls[flow.Id] = buffers;
            tlsBytes += TlsHead;
        }

        var side = fromClient ? buffers.Client : buffers.Server;
        var take = Math.Min(payload.Length, TlsHead - side.Count);
        if (take <= 0)
        {
            return;
        }

        side.AddRange(payload[..take].ToArray());
        var names = fromClient
            ? (TlsNames.ClientHelloServerName(side.ToArray()) is { } sni ? [sni] : [])
            : TlsNames.CertificateNames(side.ToArray());
        foreach (var name in names.Where(n => !flow.TlsNames.Contains(n)))
        {
            flow.TlsNames.Add(name);
            flow.TlsNameFrame ??= frame;
        }
    }

    private void Finish()
    {
        open.Clear();
        tls.Clear();
    }

    private sealed class TlsBuffers
    {
        public List<byte> Client { get; } = [];

        public List<byte> Server { get; } = [];
    }
}
