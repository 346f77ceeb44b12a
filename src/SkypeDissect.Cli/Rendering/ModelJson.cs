using SkypeDissect.Model;

namespace SkypeDissect.Cli.Rendering;

/// <summary>The model as JSON for programs: plain members, camelCase, enums as kebab-case strings.</summary>
public static class ModelJson
{
    private static readonly JsonGraph Json = new() { CamelCase = true, SkipNullProperties = true, EnumsAsKebabStrings = true };

    public static string Render(IEnumerable<ClientVersion> versions) =>
        Json.Render(new { versions = versions.Select(Version).ToList() });

    private static object Version(ClientVersion v) => new
    {
        id = v.Id,
        description = v.Description,
        provenance = v.Provenance,
        steps = v.Steps,
        groups = v.Groups.Select(g => new
        {
            id = g.Id,
            name = g.Name,
            function = g.Function,
            domains = g.Domains.Select(Domain).ToList(),
            answerAddresses = g.AnswerAddresses,
            servers = g.Ranges.Sum(r => r.Count),
            ranges = g.Ranges.Select(Range).ToList(),
            endpoints = g.Endpoints.Select(Endpoint).ToList(),
            features = g.Features is null ? null : new
            {
                operatingSystem = g.Features.OperatingSystem,
                deviceType = g.Features.DeviceType,
                openTcpPorts = g.Features.OpenTcpPorts.Select(p => p.ToString()).ToList(),
                service = g.Features.Service,
                serviceVersion = g.Features.ServiceVersion,
                provenance = g.Features.Provenance,
            },
            examples = g.Examples,
            provenance = g.Provenance,
        }).ToList(),
        procedure = new
        {
            ladder = v.Procedure.Ladder,
            channelPorts = v.Procedure.ChannelPorts.ToString(),
            retryIntervalSeconds = v.Procedure.RetryIntervalSeconds,
            newRoundGapSeconds = v.Procedure.NewRoundGapSeconds,
            loginWindowSeconds = v.Procedure.LoginWindowSeconds,
            provenance = v.Procedure.Provenance,
        },
        rules = v.Rules.Select(Rule).ToList(),
        inconsistencies = v.Inconsistencies,
    };

    private static object Domain(DomainPattern d) => new { pattern = d.Pattern, names = d.NameCount, provenance = d.Provenance };

    private static object Range(AddressRange r) => new
    {
        network = r.Network,
        firstHost = r.FirstHost,
        lastHost = r.LastHost,
        first = r.FirstAddress is { } f ? Ipv4.Format(f) : null,
        last = r.LastAddress is { } l ? Ipv4.Format(l) : null,
        count = r.Count,
        organisation = r.Organisation,
        country = r.Country,
        provenance = r.Provenance,
    };

    private static object Endpoint(Endpoint e) => new { id = e.Id, transport = e.Transport, ports = e.Ports.ToString(), provenance = e.Provenance };

    private static object Rule(Rule r)
    {
        var rule = new Dictionary<string, object?>
        {
            ["id"] = r.Id,
            ["kind"] = r.Kind.Name,
            ["step"] = r.Step,
            ["group"] = r.Group,
            ["gate"] = r.Gate,
            ["description"] = r.Description,
        };
        foreach (var p in r.Parameters)
        {
            rule[p.Spec.Name] = p.Value switch
            {
                DomainPattern d => Domain(d),
                IReadOnlyList<AddressRange> ranges => ranges.Select(Range).ToList(),
                var value => value,
            };
        }

        if (r.Kind.Endpoints != EndpointUse.None)
        {
            rule["endpoints"] = r.Endpoints.Select(Endpoint).ToList();
        }

        rule["provenance"] = r.Provenance;
        return rule;
    }
}
