namespace SkypeDissect.Learning;

using System.Globalization;

/// <summary>Counts in the learner's notes, with their nouns: "1 flow", "2 flows".</summary>
internal static class Words
{
    public static string Count(long n, string one, string? many = null) =>
        n.ToString(CultureInfo.InvariantCulture) + " " + (n == 1 ? one : many ?? one + "s");
}
