using SkypeDissect.Tests.Support;

namespace SkypeDissect.Tests.Generator;

/// <summary>
/// Where the project's shared development captures are. The one place to switch when they move into
/// tests/data: for now the "shared/captures" folder found beside the repository or one of its parents.
/// </summary>
public static class SharedCaptures
{
    private static readonly Lazy<string?> RootLazy = new(() =>
    {
        for (var dir = new DirectoryInfo(RepoPaths.Root).Parent; dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "captures");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    });

    /// <summary>The captures folder; skips the test (fails in CI) when it is not there.</summary>
    public static string Root
    {
        get
        {
            if (RootLazy.Value is { } root)
            {
                return root;
            }

            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException("shared/captures not found beside the repository; CI must provide the captures");
            }

            Skip.If(true, "shared/captures not found beside the repository");
            return "";
        }
    }

    public static IReadOnlyList<string> Negative =>
        [.. Directory.GetFiles(Path.Combine(Root, "negative")).Where(f => f.EndsWith(".pcap", StringComparison.Ordinal) || f.EndsWith(".pcapng", StringComparison.Ordinal)).Order(StringComparer.Ordinal)];

    public static string Real(string name) => Path.Combine(Root, "real", name);
}
