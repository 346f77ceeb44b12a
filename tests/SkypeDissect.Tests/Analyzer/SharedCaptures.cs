using SkypeDissect.Tests.Support;

namespace SkypeDissect.Tests.Analyzer;

/// <summary>
/// The shared development captures as the repository keeps them in tests/data (copied with their
/// provenance, tests/data/README.md), so a clean clone and CI have them.
/// </summary>
internal static class SharedCaptures
{
    public static string Negative => Path.Combine(RepoPaths.Data, "negative");

    public static string RealLogin => Path.Combine(RepoPaths.Data, "real", "skype-7.7.3-login-macos-2015.pcap");
}
