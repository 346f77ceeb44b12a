using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SkypeDissect.Tests.Captures;

/// <summary>
/// Builds DNS messages (RFC 1035 section 4) as bytes: a query with one question, and its answer holding an
/// optional CNAME followed by A/AAAA records. Names in the answer point back to the question (or to the
/// CNAME's target) with compression pointers, as real resolvers write them.
/// </summary>
public static class DnsMessage
{
    public const ushort TypeA = 1;
    public const ushort TypeCname = 5;
    public const ushort TypeAaaa = 28;
    private const ushort ClassIn = 1;
    private const int HeaderLength = 12;

    /// <summary>A standard query, recursion desired (flags 0x0100).</summary>
    public static byte[] Query(ushort id, string name, ushort type = TypeA)
    {
        var message = new List<byte>();
        WriteHeader(message, id, 0x0100, answers: 0);
        WriteQuestion(message, name, type);
        return [.. message];
    }

    /// <summary>
    /// A response (flags 0x8180: response, recursion desired and available, no error) to <see cref="Query"/>
    /// with the same id, name and type. With <paramref name="cname"/> the first answer is a CNAME from the
    /// question's name to it, and the addresses belong to the CNAME's target.
    /// </summary>
    public static byte[] Response(ushort id, string name, IReadOnlyList<IPAddress> addresses, ushort type = TypeA, string? cname = null, uint ttl = 300)
    {
        var message = new List<byte>();
        WriteHeader(message, id, 0x8180, answers: addresses.Count + (cname is null ? 0 : 1));
        WriteQuestion(message, name, type);
        var owner = HeaderLength; // the question's name
        if (cname is not null)
        {
            WritePointer(message, owner);
            WriteUInt16(message, TypeCname);
            WriteUInt16(message, ClassIn);
            WriteUInt32(message, ttl);
            var encoded = EncodeName(cname);
            WriteUInt16(message, (ushort)encoded.Length);
            owner = message.Count;
            message.AddRange(encoded);
        }

        foreach (var address in addresses)
        {
            var isV6 = address.AddressFamily == AddressFamily.InterNetworkV6;
            WritePointer(message, owner);
            WriteUInt16(message, isV6 ? TypeAaaa : TypeA);
            WriteUInt16(message, ClassIn);
            WriteUInt32(message, ttl);
            var data = address.GetAddressBytes();
            WriteUInt16(message, (ushort)data.Length);
            message.AddRange(data);
        }

        return [.. message];
    }

    /// <summary>Length-prefixed labels ending in the root label; rejects what a DNS name cannot hold.</summary>
    public static byte[] EncodeName(string name)
    {
        var bytes = new List<byte>();
        foreach (var label in name.TrimEnd('.').Split('.'))
        {
            if (label.Length is 0 or > 63)
            {
                throw new ArgumentException($"label '{label}' of '{name}' must have 1 to 63 characters", nameof(name));
            }

            bytes.Add((byte)label.Length);
            bytes.AddRange(Encoding.ASCII.GetBytes(label));
        }

        bytes.Add(0);
        return [.. bytes];
    }

    private static void WriteHeader(List<byte> message, ushort id, ushort flags, int answers)
    {
        WriteUInt16(message, id);
        WriteUInt16(message, flags);
        WriteUInt16(message, 1); // one question
        WriteUInt16(message, checked((ushort)answers));
        WriteUInt16(message, 0); // authority
        WriteUInt16(message, 0); // additional
    }

    private static void WriteQuestion(List<byte> message, string name, ushort type)
    {
        message.AddRange(EncodeName(name));
        WriteUInt16(message, type);
        WriteUInt16(message, ClassIn);
    }

    private static void WritePointer(List<byte> message, int offset) => WriteUInt16(message, (ushort)(0xC000 | offset));

    private static void WriteUInt16(List<byte> message, ushort value)
    {
        Span<byte> b = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(b, value);
        message.AddRange(b.ToArray());
    }

    private static void WriteUInt32(List<byte> message, uint value)
    {
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(b, value);
        message.AddRange(b.ToArray());
    }
}
