namespace SkypeDissect.Analyzer.Decoding;

/// <summary>Which IP version the layer below announced for its payload.</summary>
internal enum IpHint
{
    /// <summary>Decide by the version nibble (Wireshark's "ip" dissector, reached by type 0x0800 or PPP 0x21, takes 4 and 6).</summary>
    ByVersion,

    /// <summary>Only IPv6 (type 0x86DD, PPP 0x57, AF_INET6): another version is not decoded.</summary>
    Ipv6,
}

/// <summary>
/// Where a frame's IP packet lies once the link layers are walked: from <see cref="Offset"/> to <see cref="End"/>
/// (the frame's end unless a length field below IP, a PPPoE or 802.3 length or an NFLOG attribute, or a
/// frame check sequence says less). <see cref="Layers"/> counts the protocols Wireshark lists before IP,
/// "frame" included: its depth limit of 500 protocols bounds the IPv6 extension headers.
/// </summary>
internal struct IpLocation
{
    public int Offset;
    public int End;
    public IpHint Hint;
    public int Layers;

    /// <summary>Moves the end in, never out.</summary>
    public void CutAt(int end) => End = Math.Min(End, end);
}
