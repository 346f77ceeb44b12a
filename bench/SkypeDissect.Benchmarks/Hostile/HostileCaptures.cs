using System.Buffers.Binary;
using SkypeDissect.Benchmarks.Volume;

namespace SkypeDissect.Benchmarks.Hostile;

/// <summary>
/// Captures made against the analyzer's bounds (issue 14), streamed to a file so any size costs constant memory:
/// fragment floods of one datagram. Used by scripts/bench/hostile.sh (whole-process time and peak memory, with
/// tshark and the plugin beside) and by the tests.
/// </summary>
public static class HostileCaptures
{
    public const string Client = "192.168.1.23";
    public const string Resolver = "192.168.1.1";
    public const double Start = 1370426400.0;

    /// <summary>The login DNS query the datagrams carry once reassembled (tagged login-dns by both implementations).</summary>
    public const string Name = "dsn4.d.skype.net";

    private static readonly uint ClientAddress = PcapFrames.Address(192, 168, 1, 23);
    private static readonly uint ResolverAddress = PcapFrames.Address(192, 168, 1, 1);

    /// <summary>
    /// One UDP datagram of <c>8 * pieces</c> bytes (a DNS query padded with zeros) cut into 8-byte fragments and
    /// sent in <paramref name="fragments"/> frames: its tail first, every middle piece several times over, the
    /// head last, so the datagram completes on the last frame and every frame before finds the length known.
    /// Returns the frame that completes it (the last).
    /// </summary>
    public static long OneDatagram(Stream output, int fragments, int pieces = 8000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(fragments, 3);
        pieces = Math.Min(pieces, fragments - 1);
        var datagram = Datagram(pieces * 8);
        var w = new PcapFrames(output);
        var t = Start;
        void Send(int piece, bool more) =>
            w.Fragment(t += 0.000001, ClientAddress, ResolverAddress, 17, 0x4242, piece * 8, more, datagram.AsSpan(piece * 8, 8));

        Send(pieces - 1, more: false);
        for (var sent = 2; sent < fragments; sent++)
        {
            Send(1 + ((sent - 2) % Math.Max(1, pieces - 2)), more: true);
        }

        Send(0, more: true);
        return w.Count;
    }

    /// <summary>
    /// <paramref name="fragments"/> fragments of one byte each to one datagram that never completes (no tail), at
    /// offsets cycling through 0-65,528, then a whole DNS query: a table counting only fragment bytes would hold
    /// every one of them. Returns the frame of the query (tagged).
    /// </summary>
    public static long OneByteFlood(Stream output, int fragments)
    {
        var w = new PcapFrames(output);
        var t = Start;
        for (var i = 0; i < fragments; i++)
        {
            w.Fragment(t += 0.000001, ClientAddress, ResolverAddress, 17, 0x4343, 8 * (i % 8191), more: true, [(byte)i]);
        }

        w.Udp(t + 0.001, ClientAddress, 49154, ResolverAddress, 53, Query());
        return w.Count;
    }

    /// <summary>A UDP header from 49154 to 53 and a query for <see cref="Name"/>, padded with zeros to <paramref name="length"/>.</summary>
    public static byte[] Datagram(int length)
    {
        var query = Query();
        var datagram = new byte[Math.Max(length, 8 + query.Length)];
        BinaryPrimitives.WriteUInt16BigEndian(datagram, 49154);
        BinaryPrimitives.WriteUInt16BigEndian(datagram.AsSpan(2), 53);
        BinaryPrimitives.WriteUInt16BigEndian(datagram.AsSpan(4), (ushort)datagram.Length);
        query.CopyTo(datagram, 8);
        return datagram;
    }

    private static byte[] Query()
    {
        var name = Name.Split('.').SelectMany(l => (byte[])[(byte)l.Length, .. System.Text.Encoding.ASCII.GetBytes(l)]);
        return [0x12, 0x34, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, .. name, 0, 0, 1, 0, 1];
    }
}
