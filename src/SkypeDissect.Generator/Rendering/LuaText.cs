using System.Globalization;
using System.Text;
using SkypeDissect.Model;

namespace SkypeDissect.Generator.Rendering;

/// <summary>
/// Turns model text into Lua source text. Every string that reaches a Lua literal or comment passes here,
/// so the templates never have to escape anything and a hostile description cannot break the plugin.
/// </summary>
public static class LuaText
{
    /// <summary>A Lua string literal in double quotes; bytes outside printable ASCII become decimal escapes (valid in Lua 5.1 to 5.4).</summary>
    public static string Quote(string text) => QuoteBytes(Encoding.UTF8.GetBytes(text));

    /// <summary>Bytes as a Lua string literal, escaped as <see cref="Quote"/> escapes text (a payload prefix compared with raw bytes).</summary>
    public static string QuoteBytes(IReadOnlyList<byte> bytes)
    {
        var sb = new StringBuilder(bytes.Count + 2);
        sb.Append('"');
        foreach (var b in bytes)
        {
            switch (b)
            {
                case (byte)'"':
                    sb.Append("\\\"");
                    break;
                case (byte)'\\':
                    sb.Append("\\\\");
                    break;
                case < 0x20 or >= 0x7f:
                    // Three digits always, so a following digit cannot extend the escape.
                    sb.Append('\\').Append(b.ToString("D3", CultureInfo.InvariantCulture));
                    break;
                default:
                    sb.Append((char)b);
                    break;
            }
        }

        return sb.Append('"').ToString();
    }

    /// <summary>Text safe inside a <c>--</c> line comment: one line, no trailing blanks.</summary>
    public static string Comment(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            sb.Append(char.IsControl(c) ? ' ' : c);
        }

        return sb.ToString().Trim();
    }

    /// <summary>
    /// A message with one argument, <c>{0}</c>, as a Lua <c>string.format</c> pattern: <c>{0}</c> becomes <c>%s</c>
    /// and a literal <c>%</c> becomes <c>%%</c> (not yet quoted).
    /// </summary>
    public static string Format(string message) =>
        message.Replace("%", "%%", StringComparison.Ordinal).Replace("{0}", "%s", StringComparison.Ordinal);

    /// <summary>A number as Lua source, invariant and round-trippable (120, 0.5).</summary>
    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>
    /// The Lua condition under which a frame <c>f</c> may match a kind with these needs (docs/tagging.md 3): each
    /// need is a lookup or two on the frame facts or the state tables; <c>KIND_PORTS[kind]</c> holds the kind's
    /// evidence ports.
    /// </summary>
    public static string Condition(FrameNeeds needs, string kind)
    {
        var parts = new List<string>();
        void Need(FrameNeeds flag, string lua)
        {
            if (needs.HasFlag(flag))
            {
                parts.Add(lua);
            }
        }

        Need(FrameNeeds.Dns, "f.qname ~= nil");
        Need(FrameNeeds.Udp, "f.transport == \"udp\"");
        Need(FrameNeeds.Tcp, "f.transport == \"tcp\"");
        Need(FrameNeeds.FirstPayload, "f.first_payload");
        Need(FrameNeeds.EndpointPort, $"ports_fit(KIND_PORTS.{kind}, f, true)");
        Need(FrameNeeds.DestinationPort, $"ports_fit(KIND_PORTS.{kind}, f, false)");
        Need(FrameNeeds.KnownClient, "(clients[f.src] ~= nil or clients[f.dst] ~= nil)");
        Need(FrameNeeds.LearnedAddress, "(learned[f.src] ~= nil or learned[f.dst] ~= nil)");
        Need(FrameNeeds.Opening, "openings[f.src] ~= nil");
        Need(FrameNeeds.TlsNames, "f.tls ~= nil");
        Need(FrameNeeds.RecentConnection, "f.recent_client");
        return parts.Count == 0 ? "true" : string.Join(" and ", parts);
    }

    /// <summary>
    /// The ports of endpoints as the Lua set that <c>port_fits</c> looks up: <c>{ udp = { [33033] = true }, tcp = {} }</c>,
    /// each port once in ascending order. A span of <see cref="WidePorts"/> ports or more is left out here and listed
    /// by <see cref="WideSpans"/> instead (a set of every port would cost more than two comparisons).
    /// </summary>
    public static string PortSet(IReadOnlyList<PortSpan> spans) => PerTransport(t => spans
        .Where(s => s.Transport == t && !IsWide(s))
        .SelectMany(s => Enumerable.Range(s.First, s.Last - s.First + 1)).Distinct().Order()
        .Select(p => string.Create(CultureInfo.InvariantCulture, $"[{p}] = true")));

    /// <summary>The spans of <see cref="WidePorts"/> ports or more per transport, in model order: <c>{ udp = {}, tcp = { { 1024, 65535 } } }</c>.</summary>
    public static string WideSpans(IReadOnlyList<PortSpan> spans) => PerTransport(t => spans
        .Where(s => s.Transport == t && IsWide(s))
        .Select(s => string.Create(CultureInfo.InvariantCulture, $"{{ {s.First}, {s.Last} }}")));

    /// <summary>
    /// The ports of spans as the evidence set of <c>ports_fit</c>: the set of <see cref="PortSet"/> and, per transport,
    /// whether a wide span makes every port evidence: <c>{ udp = {}, tcp = { [443] = true }, wide = { udp = false, tcp = false } }</c>.
    /// </summary>
    public static string EvidenceSet(IReadOnlyList<PortSpan> spans)
    {
        string Wide(Transport t) => spans.Any(s => s.Transport == t && IsWide(s)) ? "true" : "false";
        var set = PortSet(spans);
        return $"{set[..^2]}, wide = {{ udp = {Wide(Model.Transport.Udp)}, tcp = {Wide(Model.Transport.Tcp)} }} }}";
    }

    /// <summary>A span of this many ports or more beyond its first (last - first) is wide: compared, not listed port by port.</summary>
    public const int WidePorts = 4096;

    private static bool IsWide(PortSpan span) => span.Last - span.First >= WidePorts;

    private static string PerTransport(Func<Transport, IEnumerable<string>> items)
    {
        static string Braces(IEnumerable<string> list) => list.Any() ? "{ " + string.Join(", ", list) + " }" : "{}";
        return $"{{ udp = {Braces(items(Model.Transport.Udp))}, tcp = {Braces(items(Model.Transport.Tcp))} }}";
    }

    /// <summary>The Lua spelling of a gate: <c>LoginSeen</c> becomes <c>login_seen</c>.</summary>
    public static string Snake(Gate gate) => Snake(gate.ToString());

    /// <summary>A Wireshark preference name for a client version: lowercase letters, digits and underscores only.</summary>
    public static string PreferenceName(string versionId)
    {
        var sb = new StringBuilder("enable_");
        foreach (var c in versionId)
        {
            sb.Append(char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '_');
        }

        return sb.ToString();
    }

    public static string Transport(Transport transport) => transport == Model.Transport.Udp ? "udp" : "tcp";

    private static string Snake(string pascal)
    {
        var sb = new StringBuilder(pascal.Length + 4);
        for (var i = 0; i < pascal.Length; i++)
        {
            var c = pascal[i];
            if (char.IsAsciiLetterUpper(c) && i > 0)
            {
                sb.Append('_');
            }

            sb.Append(char.ToLowerInvariant(c));
        }

        return sb.ToString();
    }
}

/// <summary>Ports first to last of one transport: an endpoint's, or a merged span of several.</summary>
public readonly record struct PortSpan(Transport Transport, int First, int Last);
