namespace SkypeDissect.Analyzer.Capture;

/// <summary>The LINKTYPE_ values the decoder understands (tcpdump.org link-layer header types).</summary>
public static class LinkTypes
{
    public const int Null = 0;
    public const int Ethernet = 1;
    public const int Ppp = 9;
    public const int RawOpenBsd = 12;
    public const int RawBsdOs = 14;
    public const int PppHdlc = 50;
    public const int Raw = 101;
    public const int CiscoHdlc = 104;
    public const int Ieee80211 = 105;
    public const int Loop = 108;
    public const int NetBsdHdlc = 112;
    public const int LinuxSll = 113;
    public const int Radiotap = 127;
    public const int Nflog = 239;
    public const int Ipv4 = 228;
    public const int Ipv6 = 229;
    public const int LinuxSll2 = 276;

    /// <summary>A record that Wireshark counts as a frame but that carries no packet (pcapng journal, syscall or custom blocks).</summary>
    public const int NoPacket = -1;

    /// <summary>The link types whose frames the analyzer decodes (docs/tagging.md 1.5).</summary>
    public static bool IsDecoded(int linkType) => linkType is Null or Ethernet or Ppp or RawOpenBsd or RawBsdOs or PppHdlc or Raw
        or CiscoHdlc or Ieee80211 or Loop or NetBsdHdlc or LinuxSll or Radiotap or Ipv4 or Ipv6 or Nflog or LinuxSll2;

    /// <summary>
    /// The largest packet Wireshark 4.0 reads for a link type (wtap_max_snaplen_for_encap): 262144 bytes, more for
    /// D-Bus and USBPcap (128 MiB) and EBHSCR (8 MiB). A bigger record is a damaged file for tshark, so here too.
    /// </summary>
    public static int MaxPacketLength(int linkType) => linkType switch
    {
        231 or 249 => 128 << 20,
        279 => 8 << 20,
        _ => 262144,
    };
}
