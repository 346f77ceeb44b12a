using SkypeDissect.Tests.Support;

namespace SkypeDissect.Tests.Cases;

/// <summary>One folder under tests/cases: a capture, the frames it must tag (expected.tsv) and a README.</summary>
public sealed record CaseFolder(string Name)
{
    public string Directory => Path.Combine(RepoPaths.Cases, Name);

    public string Capture => Path.Combine(Directory, "capture.pcap");

    public string Expected => Path.Combine(Directory, "expected.tsv");

    public string ExpectedExperts => Path.Combine(Directory, "expected-experts.tsv");

    public string Readme => Path.Combine(Directory, "README.md");

    /// <summary>
    /// A real capture copied into the case (not built by a scenario): its folder is named <c>real-*</c>, its
    /// expected files were derived by hand from a review and are never rewritten from the analyzer's output.
    /// </summary>
    public bool IsReal => Name.StartsWith("real-", StringComparison.Ordinal);

    /// <summary>
    /// The client versions the case is tagged with, from <c>versions.txt</c> (one id a line), or null for every
    /// version of the model. A real capture of one client is held to that client's signatures alone.
    /// </summary>
    public IReadOnlySet<string>? Versions
    {
        get
        {
            var path = Path.Combine(Directory, "versions.txt");
            return File.Exists(path)
                ? File.ReadAllLines(path).Select(l => l.Trim()).Where(l => l.Length > 0).ToHashSet(StringComparer.Ordinal)
                : null;
        }
    }

    /// <summary>Every case folder, found by glob: a folder of tests/cases holding a capture.pcap.</summary>
    public static IReadOnlyList<CaseFolder> All() =>
        [.. System.IO.Directory.EnumerateDirectories(RepoPaths.Cases)
            .Where(d => File.Exists(Path.Combine(d, "capture.pcap")))
            .Select(d => new CaseFolder(Path.GetFileName(d)))
            .OrderBy(c => c.Name, StringComparer.Ordinal)];

    /// <summary>xunit member data: one row per case folder, named so a failing case shows its folder.</summary>
    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var c in All())
        {
            data.Add(c.Name);
        }

        return data;
    }

    /// <summary>What each frame is, from the scenario that builds the capture (null for frames it does not know).</summary>
    public Func<long, string?> Describe()
    {
        var frames = Captures.CaseCatalog.Find(Name)?.Build().Frames ?? [];
        return frame => frame >= 1 && frame <= frames.Count ? frames[(int)frame - 1].Note : null;
    }

    public override string ToString() => Name;
}
