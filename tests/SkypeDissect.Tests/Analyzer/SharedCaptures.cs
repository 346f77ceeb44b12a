using SkypeDissect.Tests.Support;

namespace SkypeDissect.Tests.Analyzer;

/// <summary>
/// The project's shared captures (shared/captures beside the repository; in a git worktree one level
/// further up). Missing captures fail in CI and skip on a developer machine without them.
/// </summary>
internal static class SharedCaptures
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

    public static string Negative => Path.Combine(Require(), "negative");

    public static string RealLogin => Path.Combine(Require(), "real", "skype-7.7.3-login-macos-2015.pcap");

    private static string Require()
    {
        if (RootLazy.Value is { } root)
        {
            return root;
        }

        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException("shared/captures not found beside the repository; CI must provide shared/");
        }

        Skip.If(true, "shared/captures is not beside this repository");
        return "";
    }
}
