namespace SkypeDissect.Generator.View;

// The flat view model the templates see. Every string is already Lua source (a *Lua member is a quoted
// literal, a comment member is one safe line, a number member is invariant text), so the templates only
// place text and never format or escape. Scriban exposes the members in snake_case (GeneratorVersion ->
// generator_version); with strict variables a misspelt member fails rendering.

/// <summary>
/// Everything one plugin file is rendered from. Only the kinds some rule of the model uses are emitted
/// (<see cref="Kinds"/>), and the <c>Keeps*</c> / <c>Reads*</c> flags say which state and per-frame facts
/// those kinds need (from their descriptors), so a model without such rules pays nothing per frame for them.
/// </summary>
public sealed record PluginView(
    string FileName,
    string GeneratorVersion,
    string RegenerateCommand,
    string VersionList,
    IReadOnlyList<VersionView> Versions,
    IReadOnlyList<InconsistencyView> Inconsistencies,
    IReadOnlyList<KindView> Kinds,
    string EvidencePortsLua,
    bool KeepsLearnedAddresses,
    bool KeepsOpenings,
    bool ReadsTlsNames,
    int TlsHandshakeBytes,
    bool UsesDomain,
    bool UsesLabel,
    IReadOnlyList<OwnerView> Owners,
    ContractView Contract);

/// <summary>
/// The constants of the tagging contract (<c>TaggingContract</c> in the model): the protocol and field names, the
/// expert events and the bounds of the state tables, as Lua source.
/// </summary>
public sealed record ContractView(
    string ProtocolLua,
    FieldNamesView Fields,
    IReadOnlyList<ExpertView> Experts,
    int FlowCapacity,
    int LearnedCapacity,
    int ClientCapacity,
    int AttributionCapacity,
    int RemoteCapacity,
    int PayloadSeenCapacity,
    int OpeningCapacity,
    int TlsConnectionCapacity,
    int RecentCapacity,
    string IdleSeconds);

/// <summary>The display filter names of the tag's fields, each a quoted Lua string.</summary>
public sealed record FieldNamesView(
    string Step,
    string StepName,
    string Group,
    string Rule,
    string Version,
    string Client,
    string Server,
    string ServerOrganisation,
    string ServerCountry,
    string Round,
    string Stage);

/// <summary>
/// An expert event: its key in the plugin's tables (a Lua identifier), its field, summary and severity, and its message
/// as a <c>string.format</c> pattern whose <c>%s</c> takes the argument.
/// </summary>
public sealed record ExpertView(string Name, string FieldLua, string SummaryLua, string Severity, string FormatLua);

/// <summary>
/// A rule kind the model uses: its bit in the plugin's kind masks, the Lua condition a frame must meet for the
/// kind to apply (from <c>RuleKind.Needs</c>), the server ports that are evidence for it without any state
/// (merged spans of its rules' endpoints; a rule of the kind without endpoints makes every port evidence),
/// whether its fragment defines <c>prepare_&lt;kind&gt;</c>, <c>tagged_&lt;kind&gt;</c> and <c>observe_&lt;kind&gt;</c>, which frames the
/// observer watches, and the frame facts it sets.
/// </summary>
public sealed record KindView(
    string Name,
    string NameLua,
    int Bit,
    string Condition,
    bool HasPorts,
    string PortSetLua,
    bool Prepares,
    bool KeepsState,
    bool Observes,
    bool ObservesEveryTcp,
    IReadOnlyList<string> ObservedFacts,
    string Fragment,
    string Filter);

/// <summary>A kind-wide prefilter (<c>ILuaRuleEmitter.Filter</c>): a Lua declaration and a condition on the frame facts.</summary>
public sealed record KindFilterView(string Declaration, string Condition);

/// <summary>A span of server ports of one transport.</summary>

/// <summary>One client version: its preference, procedure parameters, steps and rules in model order.</summary>
public sealed record VersionView(
    string Id,
    string IdLua,
    string PrefName,
    string PrefLabelLua,
    string PrefDescriptionLua,
    string Description,
    string Provenance,
    string WindowSeconds,
    string NewRoundGapSeconds,
    string RetryIntervalSeconds,
    int ChannelFirst,
    int ChannelLast,
    string CompletionLua,
    string CompletionProvenance,
    string RoundsLua,
    string RoundsProvenance,
    IReadOnlyList<string> ProcedureNotes,
    IReadOnlyList<StepView> Steps,
    IReadOnlyList<RungView> Ladder,
    string RungLua,
    IReadOnlyList<RuleView> Rules,
    string RulesOfLua);

public sealed record StepView(int Number, string TitleLua, string Provenance);

/// <summary>One rung of the fall-back ladder; its index (0-based) is its position here.</summary>
public sealed record RungView(string StageLua, string TransportLua, int Port, string Provenance);

/// <summary>
/// One rule, as its kind's emitter flattened it, with the values the plugin looks up already computed (the
/// Info column text, the ports of the endpoints, a range index): the plugin only links the rule to its version
/// and kind at load. The lists a kind does not use are empty and their <c>Has*</c> flag is false;
/// <see cref="Settings"/> holds the kind's scalar parameters.
/// </summary>
public sealed record RuleView(
    string Id,
    string IdLua,
    string Kind,
    string KindLua,
    int Step,
    string GroupLua,
    string GateLua,
    string InfoLua,
    bool Lookup,
    string Description,
    string Provenance,
    IReadOnlyList<SettingView> Settings,
    bool HasTokens,
    string DomainComment,
    IReadOnlyList<TokenView> Tokens,
    bool HasEndpoints,
    IReadOnlyList<EndpointView> Endpoints,
    string PortsLua,
    string WideLua,
    bool HasRanges,
    IReadOnlyList<RangeView> Ranges,
    IReadOnlyList<RangeIndexView> Index);

/// <summary>A scalar rule parameter: <c>Name = Value,</c> in Lua, with an optional comment.</summary>
public sealed record SettingView(string Name, string Value, string Comment);

/// <summary>A piece of a domain pattern: <c>lit</c> with text, <c>num</c> with a range, <c>build</c> or <c>label</c>.</summary>
public sealed record TokenView(string TagLua, string ArgumentsLua);

/// <summary>An endpoint as a comment line (the sets <c>ports</c> and <c>wide</c> of the rule hold its ports).</summary>
public sealed record EndpointView(string Id, string Transport, int First, int Last, string Provenance);

/// <summary>An address range as a comment line: /24 network, hosts, owner and provenance.</summary>
public sealed record RangeView(string Network, int FirstHost, int LastHost, string Owner, string Provenance);

/// <summary>The ranges of one /24 network as <c>in_ranges</c> looks them up: first host, last host, first host, ...</summary>
public sealed record RangeIndexView(string NetworkLua, string HostsLua);

/// <summary>
/// The owner of a server network, for the tree: the ranges of every version's server groups in model order,
/// as the analyzer's session summary looks servers up. <see cref="CountryLua"/> is <c>nil</c> where the model
/// writes "-" (not known).
/// </summary>
public sealed record OwnerView(string NetworkLua, int FirstHost, int LastHost, string OrganisationLua, string CountryLua);

/// <summary>A contradiction between sources, as comment lines, with the versions whose model holds it.</summary>
public sealed record InconsistencyView(string Id, string Subject, string Versions, IReadOnlyList<string> Readings, string ModelUses, string Why);
