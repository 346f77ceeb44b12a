namespace SkypeDissect.Cli.Commands;

/// <summary>
/// The files <c>analyze</c> reads: each argument as given (<c>-</c> is standard input), a directory replaced by
/// the capture files directly in it (<c>*.pcap</c>, <c>*.pcapng</c>, <c>*.cap</c>, each also with <c>.gz</c>;
/// any case; not recursive), sorted by name ordinally so
/// the order never depends on the file system. The names come from the command line and the directory
/// listing only, never from a capture. Entries of a directory that are not regular files are not read (a FIFO
/// would block the run); a FIFO named on the command line is read, as a stream.
/// </summary>
internal static class CaptureInputs
{
    private static readonly string[] Extensions = [".pcap", ".pcapng", ".cap", ".pcap.gz", ".pcapng.gz", ".cap.gz"];

    /// <summary>One input: a file to read, or a problem with an argument (reported like a damaged file).</summary>
    public sealed record Input(string Path, string? Problem);

    public static List<Input> Expand(IEnumerable<string> arguments)
    {
        var inputs = new List<Input>();
        foreach (var argument in arguments)
        {
            if (CaptureSource.IsStandardInput(argument) || !Directory.Exists(argument))
            {
                inputs.Add(new Input(argument, null));
                continue;
            }

            List<string> names;
            try
            {
                names = Directory.EnumerateFiles(argument)
                    .Select(System.IO.Path.GetFileName)
                    .Where(n => n is not null && Extensions.Any(e => n.EndsWith(e, StringComparison.OrdinalIgnoreCase)))
                    .Select(n => n!)
                    .Order(StringComparer.Ordinal)
                    .ToList();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                inputs.Add(new Input(argument, $"cannot list the directory: {IoErrors.Reason(ex)}"));
                continue;
            }

            if (names.Count == 0)
            {
                inputs.Add(new Input(argument, "is a directory without capture files (*.pcap, *.pcapng, *.cap, also .gz)"));
            }

            // A FIFO, device or socket named like a capture would block or never end: only regular files are read.
            inputs.AddRange(names.Select(n => System.IO.Path.Combine(argument, n))
                .Select(path => new Input(path, FileKind.Special(path) is { } kind ? $"is {kind}, not a regular file: not read" : null)));
        }

        return inputs;
    }
}
