using System.Diagnostics;

namespace SkypeDissect.Tests.Support;

/// <summary>
/// Turkish locales compiled with <c>localedef</c> into a private folder (LOCPATH), once per test run: the C
/// library's case mapping there turns "I" into a dotless i. Needs localedef and the locale sources (Debian:
/// the <c>locales</c> package, which .ci/run installs); CI fails without them, a developer machine skips.
/// </summary>
public static class Locales
{
    public static readonly string[] Turkish = ["tr_TR.UTF-8", "tr_TR.ISO-8859-9"];

    private static readonly Lazy<string?> FolderLazy = new(Compile);

    /// <summary>The environment that runs a program under <paramref name="locale"/> (one of <see cref="Turkish"/>).</summary>
    public static IReadOnlyDictionary<string, string> Environment(string locale)
    {
        var folder = FolderLazy.Value;
        if (folder is null)
        {
            if (string.Equals(System.Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException("localedef could not compile tr_TR; CI must install the locales package (.ci/run)");
            }

            Skip.If(true, "localedef or the tr_TR locale sources are missing (apt-get install locales); CI runs these tests");
        }

        return new Dictionary<string, string> { ["LOCPATH"] = folder!, ["LC_ALL"] = locale, ["LANG"] = locale };
    }

    private static string? Compile()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"skypedissect-locales-{System.Environment.ProcessId}");
        Directory.CreateDirectory(folder);
        foreach (var locale in Turkish)
        {
            var charset = locale[(locale.IndexOf('.', StringComparison.Ordinal) + 1)..];
            try
            {
                var psi = new ProcessStartInfo("localedef", ["-i", "tr_TR", "-f", charset, Path.Combine(folder, locale)])
                {
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                };
                using var p = Process.Start(psi)!;
                p.StandardOutput.ReadToEnd();
                p.StandardError.ReadToEnd();
                p.WaitForExit();
            }
            catch (System.ComponentModel.Win32Exception)
            {
                return null; // no localedef
            }

            // localedef exits with 1 on mere warnings; the compiled locale is what counts.
            if (!File.Exists(Path.Combine(folder, locale, "LC_CTYPE")))
            {
                return null;
            }
        }

        return folder;
    }
}
