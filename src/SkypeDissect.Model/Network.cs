namespace SkypeDissect.Model;

public enum Transport
{
    Udp,
    Tcp,
}

/// <summary>An inclusive range of port numbers.</summary>
public sealed record PortRange(int First, int Last)
{
    public static PortRange Single(int port) => new(port, port);

    public static PortRange All { get; } = new(1, 65535);

    public bool Contains(int port) => port >= First && port <= Last;

    public int Count => Last - First + 1;

    public override string ToString() => First == Last ? First.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{First}-{Last}";
}

/// <summary>A server-side endpoint: transport and destination ports a client uses towards a server group.</summary>
/// <param name="Id">Stable id, unique in its group (becomes part of Lua table names).</param>
public sealed record Endpoint(string Id, Transport Transport, PortRange Ports, Provenance Provenance)
{
    public bool Matches(Transport transport, int serverPort) => transport == Transport && Ports.Contains(serverPort);

    public override string ToString() => $"{Transport.ToString().ToLowerInvariant()}/{Ports}";
}

/// <summary>
/// A block of IPv4 servers as the paper's Table I gives them: a /24 ("C-class") network and a range of
/// host numbers inside it, with the owner the paper names.
/// </summary>
public sealed record AddressRange(
    string Network,
    int FirstHost,
    int LastHost,
    string Organisation,
    string Country,
    Provenance Provenance)
{
    /// <summary>Number of addresses in the range.</summary>
    public int Count => LastHost - FirstHost + 1;

    /// <summary>The first address as a 32-bit number, or null when <see cref="Network"/> is not a dotted /24 prefix.</summary>
    public uint? FirstAddress => Ipv4.TryParsePrefix24(Network, out var net) ? net | (uint)FirstHost : null;

    /// <summary>The last address as a 32-bit number, or null when <see cref="Network"/> is not a dotted /24 prefix.</summary>
    public uint? LastAddress => Ipv4.TryParsePrefix24(Network, out var net) ? net | (uint)LastHost : null;

    public bool Contains(uint address) => FirstAddress is { } first && LastAddress is { } last && address >= first && address <= last;

    public override string ToString() => $"{Network}.{FirstHost}-{LastHost}";
}

/// <summary>An address the paper shows as an example (a figure's DNS answer); documentation, not a signature.</summary>
public sealed record ExampleAddress(string Address, string What, Provenance Provenance);

/// <summary>Small IPv4 helpers; the model keeps addresses as text, the way the paper prints them.</summary>
public static class Ipv4
{
    /// <summary>Parses "a.b.c" (a /24 prefix, as Table I's "C-Class IP" column) into a.b.c.0.</summary>
    public static bool TryParsePrefix24(string text, out uint network)
    {
        network = 0;
        var parts = text.Split('.');
        if (parts.Length != 3)
        {
            return false;
        }

        foreach (var part in parts)
        {
            if (!byte.TryParse(part, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var octet))
            {
                return false;
            }

            network = (network << 8) | octet;
        }

        network <<= 8;
        return true;
    }

    /// <summary>Parses a dotted quad into a 32-bit number.</summary>
    public static bool TryParse(string text, out uint address)
    {
        address = 0;
        var parts = text.Split('.');
        if (parts.Length != 4)
        {
            return false;
        }

        foreach (var part in parts)
        {
            if (!byte.TryParse(part, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var octet))
            {
                return false;
            }

            address = (address << 8) | octet;
        }

        return true;
    }

    public static string Format(uint address) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{address >> 24}.{(address >> 16) & 255}.{(address >> 8) & 255}.{address & 255}");
}
