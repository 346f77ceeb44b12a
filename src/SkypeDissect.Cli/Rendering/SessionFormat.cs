using System.Globalization;
using SkypeDissect.Analyzer.Sessions;

namespace SkypeDissect.Cli.Rendering;

/// <summary>Formatting shared by the session renderers.</summary>
internal static class SessionFormat
{
    public static string Time(double seconds) =>
        DateTime.UnixEpoch.AddTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond)).ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", CultureInfo.InvariantCulture);

    /// <summary>Seconds for people: three decimals. JSON and TSV carry the exact value.</summary>
    public static string Seconds(double seconds) => seconds.ToString("0.000", CultureInfo.InvariantCulture);

    public static string Exact(double seconds) => seconds.ToString("0.######", CultureInfo.InvariantCulture);

    public static string Server(ServerSeen s) => s.Address.Contains(':', StringComparison.Ordinal)
        ? $"[{s.Address}]:{s.Port.ToString(CultureInfo.InvariantCulture)}/{s.Transport}"
        : $"{s.Address}:{s.Port.ToString(CultureInfo.InvariantCulture)}/{s.Transport}";

    /// <summary>" (organisation, country)" of a server in a known network; the model writes "-" for a country it does not know.</summary>
    public static string Owner(ServerSeen s) => s.Organisation is null ? ""
        : Known(s.Country) is { } country ? $" ({s.Organisation}, {country})" : $" ({s.Organisation})";

    /// <summary>A model text, or null where the model says "-" (not known).</summary>
    public static string? Known(string? text) => text is null or "" or "-" ? null : text;

    public static string Position(LoginSession s) =>
        s.LoginServerPosition is { } p && s.LoginServerAnswerCount is { } n ? $"{p.ToString(CultureInfo.InvariantCulture)} of {n.ToString(CultureInfo.InvariantCulture)}" : "";

    public static string Version(LoginSession s) => s.ClientBuild is null || s.ClientBuild == s.Version
        ? s.Version ?? "-"
        : $"{s.Version} (client says {s.ClientBuild})";
}
