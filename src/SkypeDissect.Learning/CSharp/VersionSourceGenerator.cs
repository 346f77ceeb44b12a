using System.Text.RegularExpressions;
using SkypeDissect.Generator.Rendering;
using SkypeDissect.Model;
using static SkypeDissect.Learning.CSharp.CSharpText;

namespace SkypeDissect.Learning.CSharp;

/// <summary>A named static field of the emitted class: an endpoint or a list of address ranges.</summary>
public sealed record NamedValue(string Name, string Type, string Value);

/// <summary>One rule of the emitted version: its constructor, one argument a line.</summary>
public sealed record RuleSource(string Id, string Kind, string Constructor, IReadOnlyList<string> Arguments);

/// <summary>The flat view of <c>CSharp/skype_version.sbn</c> (embedded as <c>templates/skype_version.sbn</c>); every text in it is already C# source.</summary>
public sealed record VersionSourceView(
    string ClassName,
    string VersionName,
    string VersionId,
    string Command,
    string CaptureFile,
    string CaptureSource,
    IReadOnlyList<NamedValue> Fields,
    IReadOnlyList<string> Steps,
    IReadOnlyList<IReadOnlyList<string>> Groups,
    IReadOnlyList<string> Procedure,
    IReadOnlyList<RuleSource> Rules,
    string Description,
    string Provenance);

/// <summary>
/// Renders a client version as a C# source file of the model (<c>src/SkypeDissect.Model/Versions/</c>): the draft of a
/// version learned from a capture, <c>skypedissect learn --emit</c>, for a person to review and then own. A pure
/// function of the version and the command that produced it; the template is <c>CSharp/skype_version.sbn</c>
/// (embedded as <c>templates/skype_version.sbn</c>).
/// </summary>
public static partial class VersionSourceGenerator
{
    public const string TemplateFile = "skype_version.sbn";

    [GeneratedRegex("[^0-9]")]
    private static partial Regex NotDigit();

    /// <summary>The class of a version: <c>Skype773</c> for 7.7.3.</summary>
    public static string ClassName(string versionId) => "Skype" + NotDigit().Replace(versionId, "");

    /// <summary>The C# text of the version, LF line ends.</summary>
    /// <param name="capture">The capture's file name, as the version's provenance names it (<c>capture:NAME</c>).</param>
    /// <param name="command">The command that emits the file, printed in its do-not-edit header.</param>
    public static string Generate(ClientVersion version, string capture, string command)
    {
        ArgumentNullException.ThrowIfNull(version);
        if (version.Inconsistencies.Count > 0)
        {
            throw new NotSupportedException("a learned version lists no inconsistencies of sources; this one does");
        }

        var source = "capture:" + capture;
        var fields = new Fields(source);
        var rules = version.Rules.Select(r => Rule(r, fields, source)).ToList();
        var groups = version.Groups.Select(g => (IReadOnlyList<string>)
        [
            Group(g.Id), Quote(g.Name), Quote(g.Function),
            List(g.Domains.Select(d => $"new DomainPattern({Quote(d.Pattern)}, {Provenance(d.Provenance, source)})")),
            g.AnswerAddresses is { } n ? Number(n) : "null",
            fields.Ranges(g.Ranges, Pascal(g.Id)),
            List(g.Endpoints.Select(e => fields.Endpoint(e, g.Id))),
            g.Features is { } f
                ? $"new ServerFeatures({Quote(f.OperatingSystem)}, {Quote(f.DeviceType)}, {List(f.OpenTcpPorts.Select(Ports))}, {Quote(f.Service)}, {Quote(f.ServiceVersion)}, {Provenance(f.Provenance, source)})"
                : "null",
            List(g.Examples.Select(x => $"new ExampleAddress({Quote(x.Address)}, {Quote(x.What)}, {Provenance(x.Provenance, source)})")),
            Provenance(g.Provenance, source),
        ]).ToList();
        var p = version.Procedure;
        var view = new VersionSourceView(
            ClassName(version.Id),
            Comment(version.Id),
            Quote(version.Id),
            Comment(command),
            Comment(capture),
            Quote(source),
            fields.All,
            version.Steps.Select(s => $"new({Number(s.Number)}, {Quote(s.Title)}, {List(s.Groups.Select(Group))}, {Provenance(s.Provenance, source)})").ToList(),
            groups,
            [
                List(p.Ladder.Select(r => $"new({Quote(r.Stage)}, {Transport(r.Transport)}, {Number(r.Port)}, {Number(r.Attempts)}, {(r.PacketBytes is { } b ? Number(b) : "null")}, {Provenance(r.Provenance, source)})")),
                Ports(p.ChannelPorts),
                Number(p.RetryIntervalSeconds),
                Number(p.NewRoundGapSeconds),
                Number(p.LoginWindowSeconds),
                List(p.Provenance.Select(x => Provenance(x, source))),
            ],
            rules,
            Quote(version.Description),
            Provenance(version.Provenance, source));
        return TemplateRenderer.Render(TemplateRenderer.Load(TemplateFile, typeof(VersionSourceGenerator).Assembly), view, TemplateFile);
    }

    // The record's constructor: the common head, the kind's parameters in order, the endpoints unless the kind takes none.
    private static RuleSource Rule(Rule r, Fields fields, string source)
    {
        List<string> arguments = [Quote(r.Id), Number(r.Step), Group(r.Group), Gate(r.Gate)];
        arguments.AddRange(r.Parameters.Select(p => Parameter(p, r, fields, source)));
        if (r.Kind.Endpoints != EndpointUse.None)
        {
            arguments.Add(List(r.Endpoints.Select(x => fields.Endpoint(x, r.Group))));
        }

        arguments.Add(Quote(r.Description));
        arguments.Add(Provenance(r.Provenance, source));
        return new RuleSource(r.Id, r.Kind.Name, r.GetType().Name, arguments);
    }

    private static string Parameter(RuleParameter p, Rule r, Fields fields, string source) => p.Value switch
    {
        null => "null",
        DomainPattern d => $"new DomainPattern({Quote(d.Pattern)}, {Provenance(d.Provenance, source)})",
        IReadOnlyList<AddressRange> ranges => fields.Ranges(ranges, Pascal(r.Id)),
        string text => Quote(text),
        int n => Number(n),
        double n => Number(n),
        var other => throw new NotSupportedException($"parameter {p.Spec.Name} of rule '{r.Id}' ({other.GetType().Name}) has no C# source form"),
    };

    /// <summary>Endpoints and range lists become named fields, once each, so rules and groups share them.</summary>
    private sealed class Fields(string source)
    {
        private readonly List<NamedValue> all = [];

        public IReadOnlyList<NamedValue> All => all;

        public string Endpoint(Endpoint e, string group) => Name(Pascal(group) + Pascal(e.Id), "Endpoint", CSharpText.Endpoint(e, source));

        public string Ranges(IReadOnlyList<AddressRange> ranges, string owner) => ranges.Count == 0
            ? "[]"
            : Name(owner + "Ranges", "AddressRange[]", "[\n        " + string.Join(",\n        ", ranges.Select(r => Range(r, source))) + ",\n    ]");

        private string Name(string wanted, string type, string value)
        {
            if (all.FirstOrDefault(f => f.Type == type && f.Value == value) is { } same)
            {
                return same.Name;
            }

            var name = wanted;
            for (var i = 2; all.Any(f => f.Name == name); i++)
            {
                name = wanted + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            all.Add(new NamedValue(name, type, value));
            return name;
        }
    }
}
