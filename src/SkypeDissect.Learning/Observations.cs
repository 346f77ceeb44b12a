using SkypeDissect.Analyzer.Decoding;

namespace SkypeDissect.Learning;

/// <summary>One of the captures learned from: its place on the command line, its name, and its first record's time.</summary>
internal sealed class CaptureRef(int index, string name)
{
    public int Index { get; } = index;

    public string Name { get; } = name;

    /// <summary>The earliest record time: times in the report count from it.</summary>
    public double Start { get; set; }

    public FrameRef At(long frame) => new(this, frame);
}

/// <summary>A frame of one of the captures.</summary>
internal readonly record struct FrameRef(CaptureRef Capture, long Frame);

/// <summary>Evidence frames as the report gives them: per capture, in the captures' order, each capture's frames in the order given.</summary>
internal static class Evidence
{
    public static IReadOnlyList<SeenIn> Of(IEnumerable<FrameRef> frames) =>
        [.. frames.GroupBy(f => f.Capture).OrderBy(g => g.Key.Index).Select(g => new SeenIn(g.Key.Name, [.. g.Select(f => f.Frame)]))];

    /// <summary>Each capture's frames sorted and without repeats.</summary>
    public static IReadOnlyList<SeenIn> Sorted(IEnumerable<FrameRef> frames) => Of(frames.Distinct().OrderBy(f => f.Capture.Index).ThenBy(f => f.Frame));
}

/// <summary>One DNS message as the learner keeps it: who asked, which name, and what came back.</summary>
/// <param name="Client">The asking host: the source of a query, the destination of a response.</param>
/// <param name="Rcode">The response code (0 = no error, 3 = no such name); 0 for queries.</param>
/// <param name="Addresses">A then AAAA records of a response, as text, in message order.</param>
/// <param name="Answers">The answer count of the header (records of any type).</param>
/// <param name="BaseTag">The base rule that tagged the message (<see cref="BaseRun"/>), or -1.</param>
/// <param name="BaseMatches">The base rules whose kind matches the message, gates aside.</param>
internal sealed record DnsSeen(
    CaptureRef Capture,
    long Frame, double Time, IpAddress Client, int ClientPort, bool Response, int Rcode, string Name, IReadOnlyList<string> Addresses, int Answers,
    int BaseTag, IReadOnlyList<int> BaseMatches);

/// <summary>The first payload one side sent on a flow: where, how long, its first bytes, and the base rules whose kind matches it.</summary>
internal sealed record PayloadSeen(long Frame, double Time, int Length, byte[] Head, IReadOnlyList<int> BaseMatches);

/// <summary>The frames of one capture an item of the report rests on.</summary>
public sealed record SeenIn(string Capture, IReadOnlyList<long> Frames);

/// <summary>
/// One TCP connection or one UDP conversation (client address and port with server address and port) as the
/// learner summarises it. The client is the sender of the SYN (TCP) or of the first datagram (UDP); a TCP
/// connection already open when the capture began has no SYN and its client is guessed (the higher port).
/// Only a bounded summary is kept: counts, the first and last frame, key frames and the first payloads.
/// </summary>
internal sealed class FlowSeen(CaptureRef capture, int id, bool isTcp, IpAddress client, int clientPort, IpAddress server, int serverPort)
{
    public const int MaxKeyFrames = 8;
    public const int MaxSends = 16;

    public CaptureRef Capture { get; } = capture;

    public int Id { get; } = id;

    public FrameRef First => Capture.At(FirstFrame);

    public bool IsTcp { get; } = isTcp;

    public IpAddress Client { get; } = client;

    public int ClientPort { get; } = clientPort;

    public IpAddress Server { get; } = server;

    public int ServerPort { get; } = serverPort;

    /// <summary>A TCP connection whose first frame was not its SYN: it began before the capture.</summary>
    public bool MidStream { get; set; }

    public long FirstFrame { get; set; }

    public double FirstTime { get; set; }

    public long LastFrame { get; set; }

    public double LastTime { get; set; }

    public int Frames { get; set; }

    public int ClientFrames { get; set; }

    public int ServerFrames { get; set; }

    public long ClientBytes { get; set; }

    public long ServerBytes { get; set; }

    /// <summary>The client's SYNs (the first and its retransmissions), at most <see cref="MaxKeyFrames"/>.</summary>
    public List<long> SynFrames { get; } = [];

    public long? SynAckFrame { get; set; }

    public double? SynAckTime { get; set; }

    /// <summary>The client's datagrams of a UDP conversation (frame, time), at most <see cref="MaxSends"/>: keepalives show here.</summary>
    public List<(long Frame, double Time)> ClientSends { get; } = [];

    public PayloadSeen? ClientFirst { get; set; }

    public PayloadSeen? ServerFirst { get; set; }

    /// <summary>Server names a TLS handshake on this flow carried (client's server name, certificate names).</summary>
    public List<string> TlsNames { get; } = [];

    /// <summary>The frame whose payload completed the first TLS name seen, if any.</summary>
    public long? TlsNameFrame { get; set; }

    /// <summary>The base rules that tagged frames of the flow (<see cref="BaseRun"/>), in the order they first did.</summary>
    public List<int> BaseTags { get; } = [];

    /// <summary>The base rules whose kind matched a frame of the flow, gates aside.</summary>
    public List<int> BaseMatches { get; } = [];

    /// <summary>
    /// The server's second payload, when the flow's first four payload frames alternate client, server, client,
    /// server: two exchanges, more than a handshake and one request (a client that sends again before the server
    /// answered, a retransmission for instance, ends the count).
    /// </summary>
    public (long Frame, double Time)? Exchanged { get; set; }

    /// <summary>How many of the first payload frames alternated so far (-1: they stopped alternating).</summary>
    public int Turns { get; set; }

    /// <summary>Whether the server ever sent a frame: a SYN-ACK, data, or a reset.</summary>
    public bool Answered => ServerFrames > 0;

    /// <summary>A SYN after the client sent data starts a new connection on the same ports (a SYN before is a retransmission).</summary>
    public bool Ended => ClientFirst is not null;

    public string Transport => IsTcp ? "tcp" : "udp";

    public override string ToString() => $"{Transport} {Client}:{ClientPort} -> {Server}:{ServerPort} (frames {FirstFrame}-{LastFrame})";
}
