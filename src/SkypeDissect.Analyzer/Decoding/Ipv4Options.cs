namespace SkypeDissect.Analyzer.Decoding;

/// <summary>
/// Whether Wireshark 4.0 gives up on an IPv4 packet because of its options. Its option loop only warns about
/// a missing length byte, a length below 2 or one past the options; but the dissectors of known options read
/// their fixed fields, and a shorter option throws, after which no transport fields exist. The minimum
/// lengths below were measured with tshark 4.0.17 for every option type (lengths 2 to 11).
/// </summary>
internal static class Ipv4Options
{
    private static readonly byte[] MinimumLength = Build();

    public static bool StopWireshark(ReadOnlySpan<byte> options)
    {
        var i = 0;
        while (i < options.Length)
        {
            var type = options[i];
            if (type == 0)
            {
                return false; // end of option list
            }

            if (type == 1)
            {
                i++; // no-operation
                continue;
            }

            if (i + 1 >= options.Length)
            {
                return false;
            }

            var length = options[i + 1];
            if (length < 2 || i + length > options.Length)
            {
                return false; // reported, and the loop stops without an exception
            }

            if (length < MinimumLength[type])
            {
                return true;
            }

            i += length;
        }

        return false;
    }

    private static byte[] Build()
    {
        var table = new byte[256];
        (int Type, byte Min)[] known =
        [
            (7, 3), (11, 4), (12, 4), (25, 8), (68, 4), (82, 12), (130, 3), (131, 3), (133, 3), (134, 6), (136, 4), (137, 3), (148, 4),
        ];
        foreach (var (type, min) in known)
        {
            table[type] = min;
        }

        return table;
    }
}
