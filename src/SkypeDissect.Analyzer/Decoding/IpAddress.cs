using System.Buffers.Binary;
using System.Net;

namespace SkypeDissect.Analyzer.Decoding;

/// <summary>
/// An IPv4 or IPv6 address as two 64-bit halves, cheap to compare and hash. Text is made only when asked:
/// IPv4 dotted, IPv6 as .NET prints it (the contract uses addresses only as keys).
/// </summary>
public readonly struct IpAddress : IEquatable<IpAddress>, IComparable<IpAddress>
{
    private readonly ulong high;
    private readonly ulong low;

    private IpAddress(ulong high, ulong low, bool isV6)
    {
        this.high = high;
        this.low = low;
        IsV6 = isV6;
    }

    public bool IsV6 { get; }

    /// <summary>The IPv4 address as a number; only meaningful when <see cref="IsV6"/> is false.</summary>
    public uint V4 => (uint)low;

    public static IpAddress FromV4(uint address) => new(0, address, false);

    public static IpAddress FromV4(ReadOnlySpan<byte> bytes) => new(0, BinaryPrimitives.ReadUInt32BigEndian(bytes), false);

    public static IpAddress FromV6(ReadOnlySpan<byte> bytes) =>
        new(BinaryPrimitives.ReadUInt64BigEndian(bytes), BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]), true);

    public static IpAddress Parse(string text)
    {
        var parsed = IPAddress.Parse(text);
        Span<byte> bytes = stackalloc byte[16];
        parsed.TryWriteBytes(bytes, out var written);
        return written == 4 ? FromV4(bytes) : FromV6(bytes);
    }

    public static bool operator ==(IpAddress a, IpAddress b) => a.Equals(b);

    public static bool operator !=(IpAddress a, IpAddress b) => !a.Equals(b);

    public static bool operator <(IpAddress a, IpAddress b) => a.CompareTo(b) < 0;

    public static bool operator >(IpAddress a, IpAddress b) => a.CompareTo(b) > 0;

    public static bool operator <=(IpAddress a, IpAddress b) => a.CompareTo(b) <= 0;

    public static bool operator >=(IpAddress a, IpAddress b) => a.CompareTo(b) >= 0;

    public bool Equals(IpAddress other) => low == other.low && high == other.high && IsV6 == other.IsV6;

    public override bool Equals(object? obj) => obj is IpAddress other && Equals(other);

    /// <summary>IPv4 before IPv6, then numerically; used to put the two ends of a connection in one order.</summary>
    public int CompareTo(IpAddress other) =>
        IsV6 != other.IsV6 ? IsV6.CompareTo(other.IsV6) : high != other.high ? high.CompareTo(other.high) : low.CompareTo(other.low);

    public override int GetHashCode()
    {
        // Cheap mixing: the low half varies most (IPv4 lives there entirely).
        var h = (low * 0x9E3779B97F4A7C15UL) ^ (high * 0xC2B2AE3D27D4EB4FUL) ^ (IsV6 ? 0x5bd1e995UL : 0UL);
        return (int)(h ^ (h >> 32));
    }

    public override string ToString()
    {
        if (!IsV6)
        {
            return Model.Ipv4.Format(V4);
        }

        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, high);
        BinaryPrimitives.WriteUInt64BigEndian(bytes[8..], low);
        return new IPAddress(bytes).ToString();
    }
}
