using SkypeDissect.Tests.Support;

namespace SkypeDissect.Tests.Fuzz;

/// <summary>A seed file with its layout and the packet fields found in it, computed once per run.</summary>
public sealed class SeedCapture
{
    public SeedCapture(string name, byte[] bytes)
    {
        Name = name;
        Bytes = bytes;
        Layout = CaptureLayout.Parse(bytes);
        FormatFields = ByName(Layout.FormatFields, f => f.Name);
        Fields = ByName(Layout.Packets.SelectMany(p => PacketFields.Find(bytes, p)), f => f.Name);
        tagged = new Lazy<bool>(() => Hostile.BrokenFileTests.Read(new MemoryStream(bytes, writable: false)).Tags.Count > 0);
    }

    private readonly Lazy<bool> tagged;

    public string Name { get; }

    public byte[] Bytes { get; }

    public CaptureLayout Layout { get; }

    /// <summary>Whether the analyzer tags any frame of the seed as it is (computed on first use).</summary>
    public bool Tagged => tagged.Value;

    /// <summary>
    /// The file-format fields grouped by name (one group per name, ordinal order): a mutation draws the name
    /// first, so a field that occurs once per file (a link type) is hit as often as one per record.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<FormatField>> FormatFields { get; }

    /// <summary>The packet fields grouped by name the same way: DNS pointers are rare among packets yet hold the loops.</summary>
    public IReadOnlyList<IReadOnlyList<PacketField>> Fields { get; }

    private static IReadOnlyList<IReadOnlyList<T>> ByName<T>(IEnumerable<T> fields, Func<T, string> name) =>
        [.. fields.GroupBy(name, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => (IReadOnlyList<T>)[.. g])];

    /// <summary>Minimized inputs of fuzz findings (docs/fuzzing.md); none yet.</summary>
    public static string FuzzFolder => Path.Combine(RepoPaths.Data, "fuzz");

    /// <summary>
    /// The test cases, the shared captures (real and negative) and the fuzz findings' inputs, each as it is;
    /// every classic pcap once more as pcapng, so the pcapng reader is fuzzed as much as the pcap one.
    /// Ordinal order, so a mutant's seed is the same on every machine.
    /// </summary>
    public static IReadOnlyList<SeedCapture> LoadAll()
    {
        var files = Directory.GetDirectories(RepoPaths.Cases).Select(d => Path.Combine(d, "capture.pcap")).Where(File.Exists)
            .Concat(Directory.GetFiles(Path.Combine(RepoPaths.Data, "real")))
            .Concat(SharedCaptures.Negative)
            .Concat(Directory.Exists(FuzzFolder) ? Directory.GetFiles(FuzzFolder) : [])
            .Where(f => f.EndsWith(".pcap", StringComparison.Ordinal) || f.EndsWith(".pcapng", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
        var seeds = new List<SeedCapture>();
        foreach (var file in files)
        {
            var name = Path.GetRelativePath(RepoPaths.Root, file).Replace('\\', '/');
            var bytes = File.ReadAllBytes(file);
            seeds.Add(new SeedCapture(name, bytes));
            if (!seeds[^1].Layout.IsPcapNg)
            {
                seeds.Add(new SeedCapture(name + " as pcapng", PcapNgConversion.FromPcap(bytes, seeds[^1].Layout)));
            }
        }

        return seeds;
    }
}
