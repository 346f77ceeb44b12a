using System.Net;

namespace SkypeDissect.Tests.Analyzer;

/// <summary>DNS messages from explicit values: a header, questions and resource records.</summary>
internal static class Dns
{
    public static byte[] Name(string name) =>
        [.. name.Split('.').SelectMany(label => (byte[])[(byte)label.Length, .. Packets.Ascii(label)]), 0];

    /// <summary>A pointer to an offset of the message (compression).</summary>
    public static byte[] Pointer(int offset) => [(byte)(0xC0 | (offset >> 8)), (byte)offset];

    public static byte[] Question(string name) => [.. Name(name), 0, 1, 0, 1];

    /// <summary>A record whose owner is a pointer to the first question; A for IPv4 text, AAAA for IPv6.</summary>
    public static byte[] Record(string address)
    {
        var bytes = IPAddress.Parse(address).GetAddressBytes();
        return RawRecord(bytes.Length == 4 ? 1 : 28, bytes);
    }

    public static byte[] RawRecord(int type, byte[] data, int? dataLength = null) =>
        [.. Pointer(12), .. Packets.Be16(type), 0, 1, 0, 0, 0, 60, .. Packets.Be16(dataLength ?? data.Length), .. data];

    public static byte[] Message(bool response, byte[][] questions, byte[][] answers, int? answerCount = null, int additional = 0) =>
    [
        0x12, 0x34, (byte)(response ? 0x81 : 0x01), (byte)(response ? 0x80 : 0x00),
        .. Packets.Be16(questions.Length), .. Packets.Be16(answerCount ?? answers.Length - additional), 0, 0, .. Packets.Be16(additional),
        .. questions.SelectMany(q => q), .. answers.SelectMany(a => a),
    ];

    public static byte[] Query(string name) => Message(false, [Question(name)], []);

    public static byte[] Response(string name, params string[] addresses) =>
        Message(true, [Question(name)], addresses.Select(Record).ToArray());
}
