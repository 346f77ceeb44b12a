using System.Globalization;

namespace SkypeDissect.Generator.Exports;

/// <summary>
/// One colour per login step (Fig. 1's numbers), shared by the HTML report and the Wireshark colouring rules,
/// so a step looks the same in both. The paper's figures are black and white; these are distinct hues
/// readable on white, and each step's light tint is the packet-list background in Wireshark.
/// </summary>
public static class StepPalette
{
    private static readonly string[] Strong =
    [
        "#1f5fbf", // 1 login server: blue
        "#e07b00", // 2 Skype server and super nodes: orange
        "#2a9d3a", // 3 NAT echo: green
        "#8a4fc7", // 4 presence: purple
        "#a8552b", // 5 version update: brown
        "#d1459e", // 6 feedback: pink
        "#1a9fb0", // 7 Facebook: teal
        "#6b6b6b", // 8 peers: grey
    ];

    /// <summary>The step's colour as <c>#rrggbb</c>; steps outside 1-8 get the peers' grey.</summary>
    public static string Hex(int step) => Strong[Math.Clamp(step, 1, Strong.Length) - 1];

    /// <summary>The step's colour as 8-bit red, green, blue.</summary>
    public static (int R, int G, int B) Rgb(int step)
    {
        var hex = Hex(step);
        return (Parse(hex, 1), Parse(hex, 3), Parse(hex, 5));
    }

    /// <summary>A light tint of the step's colour (three quarters white), for a background under black text.</summary>
    public static (int R, int G, int B) Tint(int step)
    {
        var (r, g, b) = Rgb(step);
        return (Mix(r), Mix(g), Mix(b));
    }

    private static int Mix(int c) => (int)Math.Round(c + ((255 - c) * 0.75), MidpointRounding.AwayFromZero);

    private static int Parse(string hex, int at) => int.Parse(hex.AsSpan(at, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
}
