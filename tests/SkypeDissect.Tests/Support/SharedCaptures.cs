namespace SkypeDissect.Tests.Support;

/// <summary>
/// The shared development captures as the repository keeps them in tests/data (copied with their
/// provenance, tests/data/README.md), so a clean clone and CI have them.
/// </summary>
public static class SharedCaptures
{
    public static string Root => RepoPaths.Data;

    /// <summary>The folder of the 15 negative captures.</summary>
    public static string NegativeFolder => Path.Combine(Root, "negative");

    /// <summary>The negative captures' paths, ordinal order.</summary>
    public static IReadOnlyList<string> Negative =>
        [.. Directory.GetFiles(NegativeFolder).Where(f => f.EndsWith(".pcap", StringComparison.Ordinal) || f.EndsWith(".pcapng", StringComparison.Ordinal)).Order(StringComparer.Ordinal)];

    public static string RealLogin => Real("skype-7.7.3-login-macos-2015.pcap");

    public static string Real(string name) => Path.Combine(Root, "real", name);
}
