namespace SkypeDissect.Model;

/// <summary>
/// Where a fact comes from: the paper (section, table or figure) or a capture (file and frame numbers).
/// The generator copies it into the Lua plugin as a comment, so every signature can be traced.
/// </summary>
/// <param name="Source">The document or capture, for example <c>paper</c> or <c>capture:skype-7.7.3-login-macos-2015.pcap</c>.</param>
/// <param name="Where">The place inside it: <c>Section III.B.1, Fig. 3</c>, <c>frames 12-20</c>.</param>
/// <param name="Note">Optional remark: how the fact was read, or that it is a project decision.</param>
public sealed record Provenance(string Source, string Where, string? Note = null)
{
    public const string Paper = "paper";
    public const string Project = "project";

    /// <summary>A fact stated by the paper "Skype login secrets".</summary>
    public static Provenance FromPaper(string where, string? note = null) => new(Paper, where, note);

    /// <summary>A value the paper does not give and the project chose; the note says why.</summary>
    public static Provenance Decision(string why) => new(Project, "decision", why);

    public override string ToString() => Note is null ? $"{Source}: {Where}" : $"{Source}: {Where} ({Note})";
}
