using SkypeDissect.Tests.Support;

namespace SkypeDissect.Tests.Generator;

/// <summary>
/// Where the project's shared development captures are: tests/data (copied there with their provenance,
/// tests/data/README.md), so a clean clone and CI have them.
/// </summary>
public static class SharedCaptures
{
    public static string Root => RepoPaths.Data;

    public static IReadOnlyList<string> Negative =>
        [.. Directory.GetFiles(Path.Combine(Root, "negative")).Where(f => f.EndsWith(".pcap", StringComparison.Ordinal) || f.EndsWith(".pcapng", StringComparison.Ordinal)).Order(StringComparer.Ordinal)];

    public static string Real(string name) => Path.Combine(Root, "real", name);
}
