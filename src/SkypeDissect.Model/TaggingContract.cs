using System.Globalization;

namespace SkypeDissect.Model;

/// <summary>
/// The constants of the tagging contract (docs/tagging.md) that are no signature of a client version: the bounds of
/// the state tables and the idle time (section 4), the expert events with their texts, and the names of the plugin's
/// protocol and fields. The analyzer reads them here and the plugin's are rendered from them, so the two
/// implementations cannot drift apart silently.
/// </summary>
public static class TaggingContract
{
    /// <summary>The plugin's protocol; every field name starts with it (Wireshark already has a protocol <c>skype</c>).</summary>
    public const string Protocol = "skypelogin";

    /// <summary>
    /// The bounds of docs/tagging.md section 4. Not powers of two: a Lua table whose live count sits just under one,
    /// with entries dropped and added all the time, is rehashed on almost every insertion (dead keys are not reused).
    /// </summary>
    public static StateBounds Bounds { get; } = new(
        Flows: 250_000,
        LearnedAddresses: 60_000,
        Clients: 60_000,
        Attributions: 60_000,
        RemoteSets: 60_000,
        PayloadSeen: 250_000,
        Openings: 60_000,
        TlsConnections: 4096,
        RecentConnections: 60_000,
        IdleSeconds: 3600);

    /// <summary>A login moves to a later rung of the fall-back ladder; the text names the rung's stage.</summary>
    public static ExpertInfo Fallback { get; } = new(
        "fallback", "Login falls back to the next rung of the ladder", ExpertSeverity.Note, "Fall-back to {0}");

    /// <summary>A ladder attempt after the new-round gap; the text gives the round's number.</summary>
    public static ExpertInfo Retry { get; } = new(
        "retry", "Login retried in a new round", ExpertSeverity.Warn, "Retry round {0}");

    /// <summary>A login server answered on a TCP rung or the channel.</summary>
    public static ExpertInfo Complete { get; } = new(
        "complete", "Login complete: the login server answered on its channel", ExpertSeverity.Chat, "Login complete");

    /// <summary>The expert events in the order the plugin registers them.</summary>
    public static IReadOnlyList<ExpertInfo> Experts { get; } = [Fallback, Retry, Complete];

    /// <summary>The fields of a tagged frame, in the order of the plugin's tree.</summary>
    public static IReadOnlyList<TagField> Fields { get; } =
    [
        TagField.Step, TagField.StepName, TagField.Group, TagField.Rule, TagField.Version, TagField.Client, TagField.Server,
        TagField.ServerOrganisation, TagField.ServerCountry, TagField.Round, TagField.Stage,
    ];
}

/// <summary>
/// How many entries each state table of docs/tagging.md section 4 holds before a new key drops the entry written
/// longest ago, and after how many seconds of capture time without use the tables with idle expiry forget an entry.
/// </summary>
/// <param name="Flows">TCP connections with a remembered tag.</param>
/// <param name="LearnedAddresses">(client, address) pairs learned from tagged DNS answers.</param>
/// <param name="Clients">Clients with login state.</param>
/// <param name="Attributions">Clients with a version attribution (section 2.1; only with several versions enabled).</param>
/// <param name="RemoteSets">(client-port rule, client) sets of remote hosts.</param>
/// <param name="PayloadSeen">TCP directions that carried payload (payload-prefix, section 3.3).</param>
/// <param name="Openings">(client, server, rule) openings a timed fall-back follows (section 3.4).</param>
/// <param name="TlsConnections">TCP connections whose TLS handshake the tls-name kind follows (section 3.5).</param>
/// <param name="RecentConnections">(client, server, port) entries of a client's two latest connections (timed-retry, section 3.6).</param>
/// <param name="IdleSeconds">Flow memory, payload-seen directions, followed TLS connections and recent connections unused this long are forgotten.</param>
public sealed record StateBounds(
    int Flows,
    int LearnedAddresses,
    int Clients,
    int Attributions,
    int RemoteSets,
    int PayloadSeen,
    int Openings,
    int TlsConnections,
    int RecentConnections,
    double IdleSeconds);

/// <summary>Wireshark's expert severities the events use.</summary>
public enum ExpertSeverity
{
    Chat,
    Note,
    Warn,
}

/// <summary>
/// An expert event of docs/tagging.md section 4, attached to the frame that caused it.
/// </summary>
/// <param name="Name">Id; the plugin's expert field is <c>skypelogin.expert.&lt;name&gt;</c>.</param>
/// <param name="Summary">What the event means, as Wireshark lists it.</param>
/// <param name="Message">The text shown with the event; <c>{0}</c> stands for its argument (a round, a stage).</param>
public sealed record ExpertInfo(string Name, string Summary, ExpertSeverity Severity, string Message)
{
    /// <summary>The plugin's expert field: <c>skypelogin.expert.retry</c>.</summary>
    public string Field => $"{TaggingContract.Protocol}.expert.{Name}";

    /// <summary>The message with its argument: <c>Retry round 2</c>.</summary>
    public string Text(object? argument = null) => string.Format(CultureInfo.InvariantCulture, Message, argument);
}

/// <summary>A field of the plugin's tree: <c>skypelogin.step</c>.</summary>
public sealed record TagField(string Name)
{
    public static TagField Step { get; } = new("step");

    public static TagField StepName { get; } = new("step_name");

    public static TagField Group { get; } = new("group");

    public static TagField Rule { get; } = new("rule");

    public static TagField Version { get; } = new("version");

    public static TagField Client { get; } = new("client");

    public static TagField Server { get; } = new("server");

    public static TagField ServerOrganisation { get; } = new("server.organisation");

    public static TagField ServerCountry { get; } = new("server.country");

    public static TagField Round { get; } = new("round");

    public static TagField Stage { get; } = new("stage");

    /// <summary>The display filter name: <c>skypelogin.step</c>.</summary>
    public string Filter => $"{TaggingContract.Protocol}.{Name}";

    public override string ToString() => Filter;
}
