namespace SkypeDissect.Analyzer.Capture;

/// <summary>The LINKTYPE_ values the decoder understands (tcpdump.org link-layer header types).</summary>
public static class LinkTypes
{
    public const int Null = 0;
    public const int Ethernet = 1;
    public const int RawOpenBsd = 12;
    public const int RawBsdOs = 14;
    public const int Raw = 101;
    public const int Loop = 108;
    public const int LinuxSll = 113;
    public const int Ipv4 = 228;
    public const int Ipv6 = 229;
    public const int LinuxSll2 = 276;

    /// <summary>A record that Wireshark counts as a frame but that carries no packet (pcapng journal or syscall events).</summary>
    public const int NoPacket = -1;
}
