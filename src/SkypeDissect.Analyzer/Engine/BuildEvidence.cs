namespace SkypeDissect.Analyzer.Engine;

/// <summary>
/// The build a client names in its own traffic (docs/tagging.md section 2.1), read exactly as the plugin reads
/// it: the prefix of its feedback name (<c>6.3.0.197.rst5.r.skype.net</c>, paper Fig. 6;
/// <c>335.0.7.7.3.rst11.r.skype.net</c> in the 7.7.3 capture) or the <c>ver=</c> parameter of its update request
/// (<c>GET /ui/0/6.3.0.197/en/getlatestversion?ver=6.3.0.197</c>, Section III.B.5). A build is two to six
/// dot-separated decimal numbers of one to five digits.
/// </summary>
internal static class BuildEvidence
{
    /// <summary>
    /// A name that starts with a build, <c>.rst</c>, one or more digits and a dot: the build. The build is the
    /// name's leading run of digits and dots less its final dot (Lua: <c>^([0-9.]+)%.rst%d+%.</c>).
    /// </summary>
    public static bool TryFromFeedbackName(ReadOnlySpan<byte> name, out string build)
    {
        build = "";
        var run = 0;
        while (run < name.Length && IsBuildByte(name[run]))
        {
            run++;
        }

        if (run < 2 || name[run - 1] != (byte)'.' || !name[run..].StartsWith("rst"u8))
        {
            return false;
        }

        var digits = run + 3;
        while (digits < name.Length && char.IsAsciiDigit((char)name[digits]))
        {
            digits++;
        }

        if (digits == run + 3 || digits >= name.Length || name[digits] != (byte)'.')
        {
            return false;
        }

        return TryBuild(name[..(run - 1)], out build);
    }

    /// <summary>
    /// A request line starting with <c>GET </c>: the first <c>?ver=</c> or <c>&amp;ver=</c> followed by a digit or
    /// dot, and the run of digits and dots after it, if that run is a build (Lua: <c>[?&amp;]ver=([0-9.]+)</c>).
    /// </summary>
    public static bool TryFromRequestLine(ReadOnlySpan<byte> line, out string build)
    {
        build = "";
        if (!line.StartsWith("GET "u8))
        {
            return false;
        }

        for (var i = 0; i + 5 < line.Length; i++)
        {
            if ((line[i] == (byte)'?' || line[i] == (byte)'&') && line[(i + 1)..].StartsWith("ver="u8) && IsBuildByte(line[i + 5]))
            {
                var end = i + 5;
                while (end < line.Length && IsBuildByte(line[end]))
                {
                    end++;
                }

                return TryBuild(line[(i + 5)..end], out build);
            }
        }

        return false;
    }

    /// <summary>The first line of a payload: the bytes before the first CR or LF within the first 1024 (docs/tagging.md 3).</summary>
    public static ReadOnlySpan<byte> FirstLine(ReadOnlySpan<byte> payload)
    {
        payload = payload[..Math.Min(payload.Length, 1024)];
        var end = payload.IndexOfAny((byte)'\r', (byte)'\n');
        return end < 0 ? payload : payload[..end];
    }

    /// <summary>
    /// The enabled version a build names: its id is the build, or the build ends with a dot and the id
    /// (<c>335.0.7.7.3</c> names <c>7.7.3</c>); of several, the longest id. -1 when none.
    /// </summary>
    public static int NamedVersion(string build, IReadOnlyList<CompiledVersion> versions)
    {
        var best = -1;
        for (var i = 0; i < versions.Count; i++)
        {
            var id = versions[i].Id;
            var named = build == id
                || (build.Length > id.Length && build.EndsWith(id, StringComparison.Ordinal) && build[build.Length - id.Length - 1] == '.');
            if (named && (best < 0 || id.Length > versions[best].Id.Length))
            {
                best = i;
            }
        }

        return best;
    }

    private static bool IsBuildByte(byte b) => b == (byte)'.' || (b >= (byte)'0' && b <= (byte)'9');

    private static bool TryBuild(ReadOnlySpan<byte> text, out string build)
    {
        build = "";
        var parts = 0;
        var digits = 0;
        foreach (var b in text)
        {
            if (b == (byte)'.')
            {
                if (digits == 0)
                {
                    return false;
                }

                parts++;
                digits = 0;
            }
            else if (++digits > 5)
            {
                return false;
            }
        }

        if (digits == 0 || ++parts < 2 || parts > 6)
        {
            return false;
        }

        build = System.Text.Encoding.ASCII.GetString(text);
        return true;
    }
}
