using System.Buffers.Binary;

namespace SkypeDissect.Analyzer.Decoding;

/// <summary>When Wireshark 4.0 shows an IP header's addresses (ip.src, ipv6.src), checked with tshark on tunnelled headers.</summary>
internal static class IpHeader
{
    /// <summary>
    /// IPv4 (reached by version through Wireshark's "ip" dissector): the source address is in the bytes, the header
    /// length is at least 20 and the total length is 0 (segmentation offload) or not below the header length;
    /// the header need not be complete. IPv6 (also behind an Ethernet type of IPv4): version 6 and the source
    /// address in the bytes.
    /// </summary>
    public static bool HasFields(ReadOnlySpan<byte> ip, IpHint hint)
    {
        if (ip.IsEmpty)
        {
            return false;
        }

        var version = ip[0] >> 4;
        if (version == 6)
        {
            return ip.Length >= 24;
        }

        if (version != 4 || hint == IpHint.Ipv6 || ip.Length < 16)
        {
            return false;
        }

        var headerLength = (ip[0] & 0x0F) * 4;
        int totalLength = BinaryPrimitives.ReadUInt16BigEndian(ip[2..]);
        return headerLength >= 20 && (totalLength == 0 || totalLength >= headerLength);
    }
}
