using SkypeDissect.Learning;
using SkypeDissect.Model;
using SkypeDissect.Tests.Support;

namespace SkypeDissect.Tests.Learning;

/// <summary>Learn reports of the shared captures and the case captures, each computed once per test run.</summary>
internal static class Learned
{
    private static readonly Lazy<LearnReport> RealLazy = new(() => Learn(RealCapture, "7.7.3"));

    public static string RealCapture => Path.Combine(RepoPaths.Data, "real", "skype-7.7.3-login-macos-2015.pcap");

    /// <summary>The real 7.7.3 capture against the newest version of the model (6.3.0.197).</summary>
    public static LearnReport Real => RealLazy.Value;

    public static LearnReport Learn(string path, string asVersion, string? baseVersion = null)
    {
        using var stream = File.OpenRead(path);
        return Learn(stream, Path.GetFileName(path), asVersion, baseVersion);
    }

    public static LearnReport Learn(Stream stream, string name, string asVersion, string? baseVersion = null) =>
        Learner.Learn(stream, name, baseVersion is null ? Signatures.Default.Versions[0] : Signatures.Default.Version(baseVersion)!, asVersion);

    public static LearnReport Case(string name) => Learn(Path.Combine(RepoPaths.Cases, name, "capture.pcap"), "6.3.0.197", "6.3.0.197");
}
