namespace SkypeDissect.Generator.Exports;

// Flat views of the export templates (templates/export.*.sbn). Strings are final text for their file: comment
// members are single lines without the comment marker, values are what the consuming tool reads.

/// <summary>What an export says about one rule of the model: exported, covered by another rule, or what the tool cannot express.</summary>
public sealed record RuleNoteView(string Version, string Rule, string Kind, int Step, string Group, string Note);

/// <summary>One line of a rule file and the rules it comes from; <see cref="NewSource"/> when they differ from the line before.</summary>
public sealed record LineView(string Value, string Source, bool NewSource = true);

/// <summary>nDPI's custom protocol file (<c>ndpiReader -p</c>).</summary>
public sealed record NdpiView(string FileName, string VersionList, string Protocol, string RegenerateCommand, IReadOnlyList<RuleNoteView> Rules, IReadOnlyList<LineView> Networks, IReadOnlyList<LineView> Hosts);

/// <summary>A BPF capture filter: one clause per line, joined by <c>or</c>.</summary>
public sealed record BpfView(string FileName, string VersionList, string RegenerateCommand, IReadOnlyList<RuleNoteView> Rules, IReadOnlyList<BpfClauseView> Clauses, bool Vlan);

/// <summary>A clause of the filter; <see cref="Or"/> is <c>or</c> except on the last clause.</summary>
public sealed record BpfClauseView(string Expression, string Source, string Or);

/// <summary>Wireshark's colouring rules (<c>colorfilters</c>), one per login step.</summary>
public sealed record ColorsView(string VersionList, string RegenerateCommand, IReadOnlyList<ColorRuleView> Rules);

/// <summary>A colouring rule: name, display filter, background and foreground as 16-bit <c>r,g,b</c>.</summary>
public sealed record ColorRuleView(string Name, string Filter, string Background, string Foreground);
