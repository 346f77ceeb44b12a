namespace SkypeDissect.Analyzer.Decoding;

/// <summary>
/// The headers Wireshark 4.0 walks between IP and the transport, after IPv4 as after IPv6 (its "ip.proto"
/// table holds the IPv6 extension header dissectors, and each of them hands on through the same table):
/// hop-by-hop (0), routing (43), fragment (44), destination options (60), IPsec AH (51) and Shim6 (140).
/// </summary>
internal static class ExtensionHeaders
{
    public const int Fragment = 44;

    public static bool IsExtension(int type) => type is 0 or 43 or Fragment or 51 or 60 or 140;

    /// <summary>
    /// The length of the header of <paramref name="type"/> at the start of <paramref name="data"/>, or -1 when
    /// Wireshark throws there (no transport fields follow): the header, or an option of a hop-by-hop or
    /// destination options header, runs past the packet.
    /// </summary>
    public static int Length(int type, ReadOnlySpan<byte> data)
    {
        if (data.Length < 2)
        {
            return -1;
        }

        var length = type switch
        {
            0 or 43 or 60 => (data[1] + 1) * 8,
            Fragment => 8,
            51 => (data[1] + 2) * 4,
            _ => Shim6(data),
        };
        if (length < 0 || data.Length < length || (type is 0 or 60 && !OptionsReadable(data)))
        {
            return -1;
        }

        return length;
    }

    /// <summary>
    /// Shim6 (RFC 5533): eight bytes at least, (length + 1) * 8 in all. A payload extension header (P bit set) is
    /// skipped like an options header; so is a control message, which Wireshark checksums and parses by message
    /// type before going on (the analyzer does not check those fields: a control message Wireshark cannot parse
    /// would end its walk there and not the analyzer's; control messages carry no transport in practice).
    /// </summary>
    private static int Shim6(ReadOnlySpan<byte> data) => data.Length >= 8 ? (data[1] + 1) * 8 : -1;

    /// <summary>
    /// The options of a hop-by-hop or destination options header, walked as Wireshark 4.0 does: an option may
    /// run past its header (tolerated) but not past the packet (it throws, and no transport fields follow).
    /// </summary>
    private static bool OptionsReadable(ReadOnlySpan<byte> header)
    {
        var end = (header[1] + 1) * 8;
        var at = 2;
        while (at < end)
        {
            if (header[at] == 0)
            {
                at++; // Pad1
                continue;
            }

            if (at + 1 >= header.Length || at + 2 + header[at + 1] > header.Length)
            {
                return false;
            }

            at += 2 + header[at + 1];
        }

        return true;
    }
}
