using System.Globalization;
using System.Text;
using SkypeDissect.Model;

namespace SkypeDissect.Learning.CSharp;

/// <summary>
/// Model values as C# source expressions. Every string that reaches the emitted file passes through
/// <see cref="Quote"/>, so no learned text (a DNS name, a note) can break out of its literal.
/// </summary>
public static class CSharpText
{
    /// <summary>A regular C# string literal; quotes, backslashes and anything outside printable ASCII escaped.</summary>
    public static string Quote(string? text)
    {
        if (text is null)
        {
            return "null";
        }

        var sb = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            _ = c switch
            {
                '"' => sb.Append("\\\""),
                '\\' => sb.Append("\\\\"),
                < ' ' or > '~' => sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)),
                _ => sb.Append(c),
            };
        }

        return sb.Append('"').ToString();
    }

    /// <summary>Text safe in a <c>//</c> comment: one line, printable ASCII.</summary>
    public static string Comment(string text) => new(text.Select(c => c is < ' ' or > '~' ? '?' : c).ToArray());

    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    public static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary><c>login-server</c> becomes <c>LoginServer</c>; anything else than letters and digits separates words.</summary>
    public static string Pascal(string id)
    {
        var sb = new StringBuilder(id.Length);
        var upper = true;
        foreach (var c in id)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                upper = true;
                continue;
            }

            sb.Append(upper ? char.ToUpperInvariant(c) : c);
            upper = false;
        }

        return sb.ToString();
    }

    /// <summary>A group id as its <see cref="GroupIds"/> constant when it is one of the vocabulary.</summary>
    public static string Group(string id) => GroupIds.All.Contains(id) ? "GroupIds." + Pascal(id) : Quote(id);

    public static string Gate(Gate gate) => "Gate." + gate;

    public static string Transport(Transport transport) => "Transport." + transport;

    public static string Ports(PortRange p) => $"new PortRange({Number(p.First)}, {Number(p.Last)})";

    /// <summary>Provenance through the helpers of the emitted class: <c>FromPaper</c>, <c>Decision</c> or <c>Capture</c>.</summary>
    public static string Provenance(Provenance p, string captureSource)
    {
        var note = p.Note is null ? "" : ", " + Quote(p.Note);
        if (p.Source == Model.Provenance.Paper)
        {
            return $"FromPaper({Quote(p.Where)}{note})";
        }

        if (p.Source == Model.Provenance.Project && p.Where == "decision" && p.Note is not null)
        {
            return $"Decision({Quote(p.Note)})";
        }

        return p.Source == captureSource ? $"Capture({Quote(p.Where)}{note})" : $"new Provenance({Quote(p.Source)}, {Quote(p.Where)}{note})";
    }

    public static string Endpoint(Endpoint e, string captureSource) =>
        $"new Endpoint({Quote(e.Id)}, {Transport(e.Transport)}, {Ports(e.Ports)}, {Provenance(e.Provenance, captureSource)})";

    public static string Range(AddressRange r, string captureSource) =>
        $"new AddressRange({Quote(r.Network)}, {Number(r.FirstHost)}, {Number(r.LastHost)}, {Quote(r.Organisation)}, {Quote(r.Country)}, {Provenance(r.Provenance, captureSource)})";

    public static string List(IEnumerable<string> items) => "[" + string.Join(", ", items) + "]";
}
