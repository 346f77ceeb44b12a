namespace SkypeDissect.Analyzer.Capture;

/// <summary>
/// One record of a capture file. <see cref="Number"/> is 1-based and counts every record of the file,
/// as Wireshark numbers frames. Time is kept as whole seconds and nanoseconds, like Wireshark's nstime.
/// </summary>
/// <param name="LinkType">The LINKTYPE_ value of the record's interface, or -1 for a record without packet data.</param>
public readonly record struct CaptureRecord(
    long Number,
    long FileOffset,
    int LinkType,
    int InterfaceId,
    long Seconds,
    int Nanoseconds,
    int CapturedLength,
    long OriginalLength)
{
    /// <summary>
    /// The file (or pcapng section) is big-endian: what the link layer writes in the capturing host's byte order
    /// (NFLOG attributes) reads as wiretap on a little-endian host leaves it.
    /// </summary>
    public bool ByteSwapped { get; init; }

    /// <summary>Absolute time in seconds, computed as Wireshark's Lua <c>pinfo.abs_ts</c> does (secs + nsecs / 1e9).</summary>
    public double Time => Seconds + (Nanoseconds / 1000000000.0);
}
