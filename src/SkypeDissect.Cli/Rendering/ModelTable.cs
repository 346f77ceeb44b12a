using System.Globalization;
using SkypeDissect.Model;

namespace SkypeDissect.Cli.Rendering;

/// <summary>The model as aligned text tables for people.</summary>
public static class ModelTable
{
    public static void Render(IEnumerable<ClientVersion> versions, TextWriter o)
    {
        var first = true;
        foreach (var v in versions)
        {
            if (!first)
            {
                o.WriteLine();
            }

            first = false;
            o.WriteLine($"Client {v.Id}: {v.Description}");
            o.WriteLine($"  source: {v.Provenance}");
            o.WriteLine();
            Table(o, "Steps", ["step", "groups", "what happens"],
                v.Steps.Select(s => new[] { N(s.Number), string.Join(", ", s.Groups), s.Title }));
            Table(o, "Server groups", ["group", "names", "servers", "endpoints"],
                v.Groups.Select(g => new[]
                {
                    g.Id,
                    g.Domains.Count == 0 ? "-" : string.Join(", ", g.Domains.Select(d => d.Pattern)) + (g.AnswerAddresses is { } n ? $" ({N(n)} answered)" : ""),
                    g.Ranges.Count == 0 ? "-" : N(g.Ranges.Sum(r => r.Count)),
                    g.Endpoints.Count == 0 ? "-" : string.Join(", ", g.Endpoints.Select(e => e.ToString())),
                }));
            var login = v.Group(GroupIds.LoginServer);
            if (login is not null && login.Ranges.Count > 0)
            {
                Table(o, "Login servers (Table I)", ["network", "hosts", "count", "organisation", "country"],
                    login.Ranges.GroupBy(r => r.Network).Select(g => new[]
                    {
                        g.Key,
                        string.Join(",", g.Select(r => $"{r.FirstHost}-{r.LastHost}")),
                        N(g.Sum(r => r.Count)),
                        g.First().Organisation,
                        g.First().Country,
                    }));
                if (login.Features is { } f)
                {
                    o.WriteLine($"  Features (Table II): OS {f.OperatingSystem}; device {f.DeviceType}; open TCP {string.Join(", ", f.OpenTcpPorts)}; service {f.Service} {f.ServiceVersion}");
                    o.WriteLine();
                }
            }

            var p = v.Procedure;
            Table(o, "Fall-back ladder", ["stage", "attempts", "bytes"],
                p.Ladder.Select(r => new[] { r.Stage, N(r.Attempts), r.PacketBytes is { } b ? N(b) : "-" }));
            o.WriteLine($"  Channel: TCP {p.ChannelPorts}; retry after {N(p.RetryIntervalSeconds)} s; new round after a {N(p.NewRoundGapSeconds)} s gap; login window {N(p.LoginWindowSeconds)} s");
            o.WriteLine();
            Table(o, "Rules (tried in this order)", ["rule", "kind", "step", "group", "gate", "evidence"],
                v.Rules.Select(r => new[] { r.Id, r.Kind.Name, N(r.Step), r.Group, Kebab(r.Gate), r.Evidence }));
            o.WriteLine("  Inconsistencies in the sources");
            foreach (var i in v.Inconsistencies)
            {
                o.WriteLine($"    {i.Id}: {i.Subject}");
                foreach (var r in i.Readings)
                {
                    o.WriteLine($"      reading: {r.Text} ({r.Provenance.Where})");
                }

                o.WriteLine($"      model uses: {i.ModelUses}");
                o.WriteLine($"      because: {i.Why}");
            }
        }
    }

    private static string N(double n) => n.ToString(CultureInfo.InvariantCulture);

    internal static string Kebab<T>(T value)
        where T : struct, Enum
    {
        var name = value.ToString();
        var chars = new List<char>();
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                chars.Add('-');
            }

            chars.Add(char.ToLowerInvariant(name[i]));
        }

        return new string(chars.ToArray());
    }

    private static void Table(TextWriter o, string title, string[] header, IEnumerable<string[]> rows)
    {
        var all = rows.ToList();
        var widths = header.Select((h, i) => Math.Max(h.Length, all.Count == 0 ? 0 : all.Max(r => r[i].Length))).ToArray();
        o.WriteLine($"  {title}");
        o.WriteLine("    " + TextCells.Aligned(header, widths));
        foreach (var row in all)
        {
            o.WriteLine("    " + TextCells.Aligned(row, widths));
        }

        o.WriteLine();
    }

}
