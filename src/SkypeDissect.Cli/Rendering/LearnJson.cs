using SkypeDissect.Learning;

namespace SkypeDissect.Cli.Rendering;

/// <summary>A learn report as JSON for programs: the report's members in camelCase, statuses as kebab-case strings.</summary>
public static class LearnJson
{
    // Times and delays to the microsecond: captures hold no finer time, and fewer digits keep the output stable.
    private static readonly JsonGraph Json = new() { CamelCase = true, EnumsAsKebabStrings = true, RoundDoubles = 6 };

    public static string Render(LearnReport report) => Json.Render(report);
}
