using System.Globalization;
using SkypeDissect.Generator;
using SkypeDissect.Generator.Rendering;
using SkypeDissect.Model;
using SkypeDissect.Model.Versions;
using SkypeDissect.Tests.Support;

namespace SkypeDissect.Tests.Generator;

/// <summary>
/// The values the emitters compute for the plugin's rule tables (the Info text, the port sets, the range index, the
/// prefix bytes, the name suffix, the ladder by port...), read back by running the generated VERSIONS table under
/// lua5.4 and compared with what the model says; the plugin computes none of them at load.
/// </summary>
public sealed class PluginRuleDataTests : IDisposable
{
    private readonly DirectoryInfo temp = Directory.CreateTempSubdirectory("skypedissect-data-lua-");

    public void Dispose() => temp.Delete(recursive: true);

    // Bytes Lua escapes or reads specially: NUL, quote, backslash, newline, CR, high bytes, and digits right after an escape.
    private static readonly PayloadPrefixRule HostilePrefix = new("hostile-prefix", 2, GroupIds.SkypeServer, Gate.None,
        "00 22 5c 0a 31 ff 80 0d 39 5b 5d 3d 0d 0a 00 30", null, [KindsTestModel.Tcp(443)], "prefix of bytes Lua escapes", Provenance.Decision("test"));

    public static TheoryData<string> Models() => ["default", "kinds"];

    private static SignatureModel ModelOf(string name) => name == "default"
        ? Signatures.Default
        : new SignatureModel([KindsTestModel.Version with { Rules = [HostilePrefix, .. KindsTestModel.Version.Rules] }, PaperVersions.Skype5_6]);

    [SkippableTheory]
    [MemberData(nameof(Models))]
    public void RuleTables_CarryTheModelsValues(string name)
    {
        var model = ModelOf(name);
        var plugin = LuaPluginGenerator.Generate(model)[LuaPluginGenerator.PluginFileName];

        Dump(plugin).Should().Equal(Expected(model));
    }

    [SkippableFact]
    public void QuoteBytes_EveryByte_ReadsBackUnchanged()
    {
        var bytes = Enumerable.Range(0, 256).Select(b => (byte)b).Concat("0\n9\\\"1"u8.ToArray()).ToArray();
        var script = $"local s = {LuaText.QuoteBytes(bytes)}\nlocal out = {{}}\nfor i = 1, #s do out[i] = s:byte(i) end\nprint(table.concat(out, \" \"))\n";

        Run(script).Should().Equal(string.Join(' ', bytes));
    }

    // What the model says each rule table holds, in the order Dump prints it.
    private static List<string> Expected(SignatureModel model)
    {
        var lines = new List<string>();
        foreach (var v in model.Versions)
        {
            var rungs = v.Procedure.Ladder.Select((r, i) => (r, i)).GroupBy(x => (x.r.Transport, x.r.Port))
                .Select(g => $"{LuaText.Transport(g.Key.Transport)}:{g.Key.Port}={g.First().i}").Order(StringComparer.Ordinal);
            lines.Add($"version {v.Id} rung {string.Join(",", rungs)}");
            var followed = v.Rules.OfType<TimedFallbackRule>().Select(r => r.After).ToHashSet();
            foreach (var r in v.Rules)
            {
                lines.Add($"rule {r.Id} info={r.Step.ToString(CultureInfo.InvariantCulture)}|[Skype login step {r.Step}: {r.Group}] lookup={Flag(r.Kind.Lookup)} opens={Flag(followed.Contains(r.Id))}");
                var domain = r.Parameters.Select(p => p.Value).OfType<DomainPattern>().SingleOrDefault();
                if (domain?.Tokens[^1] is DomainToken.Literal last)
                {
                    lines.Add($"  suffix {last.Text}");
                }

                if (r is HttpRequestRule http)
                {
                    lines.Add($"  method_sp {http.Method} ");
                }

                if (r is PayloadPrefixRule prefix)
                {
                    lines.Add($"  prefix_raw {string.Join(' ', prefix.PrefixBytes)}");
                }

                if (r.Endpoints.Count > 0)
                {
                    static bool Wide(Endpoint e) => e.Ports.Last - e.Ports.First >= 4096;
                    var ports = r.Endpoints.Where(e => !Wide(e))
                        .SelectMany(e => Enumerable.Range(e.Ports.First, e.Ports.Last - e.Ports.First + 1).Select(p => (e.Transport, p)))
                        .Distinct().Select(x => $"{LuaText.Transport(x.Transport)}:{x.p}").Order(StringComparer.Ordinal);
                    lines.Add($"  ports {string.Join(",", ports)}");
                    var wide = r.Endpoints.Where(Wide).Select(e => $"{LuaText.Transport(e.Transport)}:{e.Ports.First}-{e.Ports.Last}").Order(StringComparer.Ordinal);
                    lines.Add($"  wide {string.Join(",", wide)}");
                }

                if (r is AddressRangeRule range)
                {
                    var index = range.Ranges.GroupBy(g => g.Network)
                        .Select(g => $"{g.Key}={string.Join(",", g.Select(x => $"{x.FirstHost}-{x.LastHost}"))}").Order(StringComparer.Ordinal);
                    lines.Add($"  index {string.Join(" ", index)}");
                }
            }
        }

        return lines;
    }

    private static string Flag(bool value) => value ? "true" : "nil";

    // Runs the plugin's VERSIONS table (from its data section, as generated) and prints what the matchers look up.
    private List<string> Dump(string plugin)
    {
        var start = plugin.IndexOf("\n    local VERSIONS = {\n", StringComparison.Ordinal);
        start.Should().BeGreaterThan(0);
        var end = plugin.IndexOf("\n    }\n", start, StringComparison.Ordinal);
        var data = plugin[(start + 1)..(end + 7)];
        const string Printer = """
            local function sorted(list) table.sort(list) return table.concat(list, ",") end
            local function flag(value) return value == nil and "nil" or tostring(value) end
            local rules_of = {}
            for _, v in ipairs(VERSIONS) do
                local rung = {}
                for transport, ports in pairs(v.rung) do
                    for port, i in pairs(ports) do rung[#rung + 1] = transport .. ":" .. port .. "=" .. i end
                end
                print("version " .. v.id .. " rung " .. sorted(rung))
                local rules = v.rules or rules_of[v.rules_of]
                rules_of[v.id] = rules
                for _, r in ipairs(rules) do
                    print("rule " .. r.id .. " info=" .. r.step .. "|" .. string.sub(r.info, 2) .. " lookup=" .. flag(r.lookup) .. " opens=" .. flag(r.opens_fallback))
                    if r.suffix ~= nil then print("  suffix " .. r.suffix) end
                    if r.method_sp ~= nil then print("  method_sp " .. r.method_sp) end
                    if r.prefix_raw ~= nil then
                        local bytes = {}
                        for i = 1, #r.prefix_raw do bytes[i] = string.byte(r.prefix_raw, i) end
                        print("  prefix_raw " .. table.concat(bytes, " "))
                    end
                    if r.ports ~= nil then
                        local ports, wide = {}, {}
                        for transport, set in pairs(r.ports) do
                            for port in pairs(set) do ports[#ports + 1] = transport .. ":" .. port end
                        end
                        for transport, spans in pairs(r.wide) do
                            for _, s in ipairs(spans) do wide[#wide + 1] = transport .. ":" .. s[1] .. "-" .. s[2] end
                        end
                        print("  ports " .. sorted(ports))
                        print("  wide " .. sorted(wide))
                    end
                    if r.index ~= nil then
                        local nets = {}
                        for net, hosts in pairs(r.index) do
                            local spans = {}
                            for i = 1, #hosts, 2 do spans[#spans + 1] = hosts[i] .. "-" .. hosts[i + 1] end
                            nets[#nets + 1] = net .. "=" .. table.concat(spans, ",")
                        end
                        table.sort(nets)
                        print("  index " .. table.concat(nets, " "))
                    end
                end
            end
            """;
        return Run(data + Printer);
    }

    private List<string> Run(string script)
    {
        var exe = LuaProcess.Locate("lua5.4");
        Skip.If(exe is null && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase), "lua5.4 is not installed");
        exe.Should().NotBeNull("CI installs lua5.4");
        var path = Path.Combine(temp.FullName, "data.lua");
        File.WriteAllText(path, script);
        return LuaProcess.Lines(exe!, path);
    }
}
