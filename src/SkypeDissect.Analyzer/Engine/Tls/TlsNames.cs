namespace SkypeDissect.Analyzer.Engine.Tls;

/// <summary>
/// The TLS names one frame makes known (docs/tagging.md 3.5), reused from frame to frame: the server names of
/// the ClientHellos the frame completes, and the names of the first server certificate it completes. A name is
/// kept as Wireshark shows it, cut at its first NUL, and only when it is printable ASCII (others can match no
/// pattern), ASCII-lowercased.
/// </summary>
internal sealed class TlsNames
{
    private readonly List<(int Start, int Length, bool Certificate)> names = [];
    private byte[] bytes = new byte[256];
    private int used;

    public int Count => names.Count;

    /// <summary>The frame already gave the names of a certificate (only its first certificate counts).</summary>
    public bool HasCertificate { get; private set; }

    public void Clear()
    {
        names.Clear();
        used = 0;
        HasCertificate = false;
    }

    /// <summary>Name <paramref name="index"/>; <paramref name="certificate"/> tells whether a certificate (not a ClientHello) gave it.</summary>
    public ReadOnlySpan<byte> Name(int index, out bool certificate)
    {
        var (start, length, fromCertificate) = names[index];
        certificate = fromCertificate;
        return bytes.AsSpan(start, length);
    }

    public void MarkCertificate() => HasCertificate = true;

    /// <summary>Adds a name given as 8-bit characters (ASCII, IA5, T.61, UTF-8 bytes).</summary>
    public void AddBytes(ReadOnlySpan<byte> text, bool certificate)
    {
        var end = text.IndexOf((byte)0);
        var name = end < 0 ? text : text[..end];
        foreach (var b in name)
        {
            if (b >= 0x80)
            {
                return;
            }
        }

        var start = Reserve(name.Length);
        for (var i = 0; i < name.Length; i++)
        {
            var b = name[i];
            bytes[start + i] = b is >= (byte)'A' and <= (byte)'Z' ? (byte)(b + 32) : b;
        }

        names.Add((start, name.Length, certificate));
    }

    /// <summary>Adds a name given as big-endian code units of <paramref name="unitBytes"/> bytes (BMPString: 2, UniversalString: 4).</summary>
    public void AddUnits(ReadOnlySpan<byte> text, int unitBytes, bool certificate)
    {
        var units = text.Length / unitBytes;
        var length = 0;
        while (length < units && Unit(text, length, unitBytes) != 0)
        {
            length++;
        }

        // A trailing part of a unit is shown as a replacement character: no match, unless a NUL came before it.
        if (length == units && text.Length % unitBytes != 0)
        {
            return;
        }

        for (var i = 0; i < length; i++)
        {
            if (Unit(text, i, unitBytes) >= 0x80)
            {
                return;
            }
        }

        var start = Reserve(length);
        for (var i = 0; i < length; i++)
        {
            var b = (byte)Unit(text, i, unitBytes);
            bytes[start + i] = b is >= (byte)'A' and <= (byte)'Z' ? (byte)(b + 32) : b;
        }

        names.Add((start, length, certificate));
    }

    private static uint Unit(ReadOnlySpan<byte> text, int index, int unitBytes)
    {
        uint value = 0;
        for (var i = 0; i < unitBytes; i++)
        {
            value = (value << 8) | text[(index * unitBytes) + i];
        }

        return value;
    }

    private int Reserve(int length)
    {
        if (used + length > bytes.Length)
        {
            Array.Resize(ref bytes, Math.Max(bytes.Length * 2, used + length));
        }

        var start = used;
        used += length;
        return start;
    }
}
