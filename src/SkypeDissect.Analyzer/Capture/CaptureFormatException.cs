namespace SkypeDissect.Analyzer.Capture;

/// <summary>
/// A capture file is damaged or not a capture at all. <see cref="Offset"/> is the byte offset in the file
/// where the damage was found (the start of the header or block that could not be read).
/// </summary>
public sealed class CaptureFormatException(long offset, string reason)
    : Exception($"at byte offset {offset}: {reason}")
{
    public long Offset { get; } = offset;

    public string Reason { get; } = reason;
}
