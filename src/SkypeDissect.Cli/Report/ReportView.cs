namespace SkypeDissect.Cli.Report;

// The flat view the report template renders (templates/report.sbn). Every string is already HTML/SVG text:
// escaped where it came from data, numbers formatted with the invariant culture, so the template only places
// text. Scriban exposes the members in snake_case; with strict variables a misspelt member fails rendering.

/// <summary>The whole report: legend, then one section per capture file.</summary>
public sealed record ReportView(
    string Title,
    string Generated,
    IReadOnlyList<LegendStepView> Steps,
    IReadOnlyList<LegendRungView> Rungs,
    string Limits,
    IReadOnlyList<FileView> Files);

public sealed record LegendStepView(int Number, string Colour, string Title);

/// <summary>How an arrow to a login server is drawn for a ladder rung (or the channel).</summary>
public sealed record LegendRungView(string Name, string Dash, string Meaning);

/// <summary>One capture: its session counts and table (bounded), then the diagrams of its first sessions.</summary>
public sealed record FileView(
    string Name,
    string Counts,
    bool HasError,
    string Error,
    IReadOnlyList<SessionRowView> Rows,
    bool HasRowsNote,
    string RowsNote,
    IReadOnlyList<DiagramView> Diagrams,
    bool HasDiagramsNote,
    string DiagramsNote);

/// <summary>A row of the session table; <see cref="Anchor"/> links to the session's diagram when it has one.</summary>
public sealed record SessionRowView(
    bool HasAnchor, string Anchor, string Client, string Start, string Outcome, string Stage, string LoginServer, string Retries, string Duration, string Version);

/// <summary>One session's sequence diagram (SVG coordinates in pixels) and its facts.</summary>
public sealed record DiagramView(
    string Id,
    string Heading,
    string Outcome,
    IReadOnlyList<FactView> Facts,
    string Width,
    string Height,
    string ClientX,
    string LifelineTop,
    string LifelineBottom,
    string ClientLabel,
    IReadOnlyList<LaneView> Lanes,
    IReadOnlyList<TickView> Ticks,
    IReadOnlyList<BreakView> Breaks,
    IReadOnlyList<ExchangeView> Exchanges,
    IReadOnlyList<MarkView> Marks,
    bool HasNote,
    string Note);

public sealed record FactView(string Name, string Value);

/// <summary>A server group's column: a tinted band with its name on top.</summary>
public sealed record LaneView(string Group, string Step, string Label, string Left, string Width, string Centre, string Top, string Height, string Colour);

/// <summary>A time-axis label: seconds from the session's start.</summary>
public sealed record TickView(string Y, string Label);

/// <summary>A long gap drawn shortened: a zigzag across the diagram and how long the gap really was.</summary>
public sealed record BreakView(string Path, string LabelX, string LabelY, string Label);

/// <summary>One exchange: an arrow from the client to its band in the group's lane, the band spanning its frames.</summary>
public sealed record ExchangeView(
    string Step,
    string Group,
    string Frames,
    string FirstFrame,
    string LastFrame,
    string X1,
    string X2,
    string Y,
    string BandX,
    string BandY,
    string BandHeight,
    string Colour,
    string Dash,
    string Title);

/// <summary>
/// A moment of the login: a retry round or the completion (a line across the lanes), or a fall-back (a dot at
/// its arrow); its label sits in the events column at the right, joined by a leader line.
/// </summary>
public sealed record MarkView(
    string Kind,
    bool IsLine,
    string X1,
    string X2,
    string Y,
    string Leader,
    string LabelX,
    string LabelY,
    string Label,
    string Colour);
