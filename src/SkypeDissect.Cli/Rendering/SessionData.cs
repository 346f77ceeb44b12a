using System.Globalization;
using SkypeDissect.Analyzer.Sessions;
using static SkypeDissect.Cli.Rendering.SessionFormat;

namespace SkypeDissect.Cli.Rendering;

/// <summary>For programs: sessions as JSON objects, or one TSV/CSV row each.</summary>
public static class SessionData
{
    private static readonly JsonGraph Writer = new();

    public static readonly string[] Columns =
        ["client", "start", "outcome", "fallbackStage", "loginServer", "loginServerPosition", "retries", "durationSeconds", "version", "clientBuild", "supernodes", "steps"];

    /// <summary>The JSON object of a session; <paramref name="file"/> is added first when several inputs were given.</summary>
    public static Dictionary<string, object?> Json(string? file, LoginSession s)
    {
        var o = new Dictionary<string, object?>();
        if (file is not null)
        {
            o["file"] = file;
        }

        o["client"] = s.Client;
        o["start"] = Time(s.Start);
        o["end"] = Time(s.End);
        o["firstFrame"] = s.FirstFrame;
        o["lastFrame"] = s.LastFrame;
        o["frames"] = s.Frames;
        o["outcome"] = s.Outcome;
        o["fallbackStage"] = s.FallbackStage;
        o["loginServer"] = s.LoginServer is { } ls ? Server(ls) : null;
        o["loginServerOrganisation"] = s.LoginServer?.Organisation;
        o["loginServerCountry"] = Known(s.LoginServer?.Country);
        o["loginServerPosition"] = s.LoginServerPosition;
        o["loginServerAnswerCount"] = s.LoginServerAnswerCount;
        o["loginRung"] = s.LoginRung;
        o["loginRungServer"] = s.LoginRungServer is { } rs ? Server(rs) : null;
        o["retries"] = s.Retries;
        o["roundStarts"] = s.RoundStarts.Select(Time).ToList();
        o["retryPauseSeconds"] = s.RetryPauses;
        o["durationSeconds"] = s.DurationSeconds;
        o["supernodes"] = s.Supernodes;
        o["version"] = s.Version;
        o["matchedVersion"] = s.MatchedVersion;
        o["versionFrames"] = s.VersionCounts.ToDictionary(v => v.Version, v => (object?)v.Frames, StringComparer.Ordinal);
        o["clientBuild"] = s.ClientBuild;
        o["versionEvidence"] = s.VersionEvidence;
        o["steps"] = s.Steps.Select(st => new Dictionary<string, object?>
        {
            ["step"] = st.Step,
            ["group"] = st.Group,
            ["first"] = Time(st.First),
            ["last"] = Time(st.Last),
            ["frames"] = st.Frames,
            ["servers"] = st.Servers.Select(x => new Dictionary<string, object?>
            {
                ["address"] = x.Address,
                ["port"] = x.Port,
                ["transport"] = x.Transport,
                ["organisation"] = x.Organisation,
                ["country"] = Known(x.Country),
            }).ToList(),
            ["names"] = st.Names,
        }).ToList();
        return o;
    }

    public static string JsonArray(IEnumerable<Dictionary<string, object?>> objects) =>
        Writer.Render(objects);

    /// <summary>One object as indented JSON with a final line end, as it would stand alone.</summary>
    public static string JsonObject(Dictionary<string, object?> o) => Writer.Render(o);

    public static string[] Row(LoginSession s) =>
    [
        s.Client,
        Time(s.Start),
        s.Outcome,
        s.FallbackStage ?? "",
        s.LoginServer is { } ls ? Server(ls) : "",
        s.LoginServerPosition?.ToString(CultureInfo.InvariantCulture) ?? "",
        s.Retries.ToString(CultureInfo.InvariantCulture),
        s.DurationSeconds is { } d ? Exact(d) : "",
        s.Version ?? "",
        s.ClientBuild ?? "",
        string.Join(' ', s.Supernodes),
        string.Join(' ', s.Steps.Select(x => x.Step).Distinct().Select(x => x.ToString(CultureInfo.InvariantCulture))),
    ];
}
