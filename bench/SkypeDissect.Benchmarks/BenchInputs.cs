namespace SkypeDissect.Benchmarks;

/// <summary>The captures the benchmarks read, all from the repository's own test data.</summary>
public enum BenchInput
{
    /// <summary>tests/data/real/skype-7.7.3-login-macos-2015.pcap: a real login (2146 frames).</summary>
    RealMacos2015,

    /// <summary>tests/cases/login-normal/capture.pcap: the paper's login, built frame by frame (153 frames).</summary>
    LoginNormal,

    /// <summary>Every capture of tests/data/negative, one after the other: traffic that must stay untagged.</summary>
    Negatives,
}

/// <summary>Loads a <see cref="BenchInput"/> as the bytes of one capture file.</summary>
public static class BenchInputs
{
    private static readonly Lazy<string> RootLazy = new(FindRoot);

    /// <summary>The repository root (the folder holding SkypeDissect.sln).</summary>
    public static string Root => RootLazy.Value;

    public static byte[] Load(BenchInput input) => input switch
    {
        BenchInput.RealMacos2015 => File.ReadAllBytes(Path.Combine(Root, "tests", "data", "real", "skype-7.7.3-login-macos-2015.pcap")),
        BenchInput.LoginNormal => File.ReadAllBytes(Path.Combine(Root, "tests", "cases", "login-normal", "capture.pcap")),
        BenchInput.Negatives => PcapConcatenation.Concatenate(NegativeFiles()),
        _ => throw new ArgumentOutOfRangeException(nameof(input), input, null),
    };

    private static IReadOnlyList<string> NegativeFiles()
    {
        var dir = Path.Combine(Root, "tests", "data", "negative");
        var files = Directory.GetFiles(dir).Where(f => f.EndsWith(".pcap", StringComparison.Ordinal) || f.EndsWith(".pcapng", StringComparison.Ordinal)).ToList();
        files.Sort(StringComparer.Ordinal);
        return files.Count > 0 ? files : throw new InvalidOperationException("no captures in " + dir);
    }

    // BenchmarkDotNet runs each benchmark from a generated folder below the project's bin; walk up from there.
    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "SkypeDissect.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("SkypeDissect.sln not found above " + AppContext.BaseDirectory);
    }
}
