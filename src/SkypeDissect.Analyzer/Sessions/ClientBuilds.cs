using System.Text.RegularExpressions;
using SkypeDissect.Model;

namespace SkypeDissect.Analyzer.Sessions;

/// <summary>
/// The build a client announces in its own traffic: the prefix of its feedback name
/// (<c>6.3.0.197.rst5.r.skype.net</c>, paper Fig. 6) or the version in its update request
/// (<c>GET /ui/0/6.3.0.197/en/getlatestversion?ver=6.3.0.197</c>, Section III.B.5).
/// </summary>
public static partial class ClientBuilds
{
    [GeneratedRegex(@"^(?<build>[0-9]{1,5}(\.[0-9]{1,5}){1,5})\.rst[0-9]+\.", RegexOptions.CultureInvariant)]
    private static partial Regex FeedbackName();

    [GeneratedRegex(@"[?&]ver=(?<build>[0-9]{1,5}(\.[0-9]{1,5}){1,5})|/(?<build>[0-9]{1,5}(\.[0-9]{1,5}){2,5})/", RegexOptions.CultureInvariant)]
    private static partial Regex UpdateRequest();

    public static bool TryFind(string group, string detail, out string build)
    {
        var m = group switch
        {
            GroupIds.Feedback => FeedbackName().Match(detail),
            GroupIds.VersionUpdate => UpdateRequest().Match(detail),
            _ => Match.Empty,
        };
        build = m.Success ? m.Groups["build"].Value : "";
        return m.Success;
    }
}
