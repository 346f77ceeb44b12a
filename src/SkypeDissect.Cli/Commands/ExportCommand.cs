using System.CommandLine;
using SkypeDissect.Generator.Exports;
using SkypeDissect.Model;

namespace SkypeDissect.Cli.Commands;

/// <summary>
/// <c>skypedissect export ndpi|bpf|colors [--versions V,...] [--output FILE]</c>: the model for other tools: nDPI's
/// custom protocol file, a capture filter, Wireshark colouring rules. Prints the file, or writes it to --output.
/// </summary>
public static class ExportCommand
{
    public static IReadOnlyDictionary<string, Func<SignatureModel, IReadOnlyDictionary<string, string>>> Formats { get; } =
        new SortedDictionary<string, Func<SignatureModel, IReadOnlyDictionary<string, string>>>(StringComparer.Ordinal)
        {
            ["bpf"] = BpfFilterGenerator.Generate,
            ["colors"] = ColorFiltersGenerator.Generate,
            ["ndpi"] = NdpiProtosGenerator.Generate,
        };

    public static Command Create(TextWriter output, TextWriter error)
    {
        var format = new Argument<string>("FORMAT") { Description = "ndpi (ndpiReader -p), bpf (tcpdump -F) or colors (Wireshark colorfilters)." };
        UsageErrors.OnlyValues(format, "ndpi", "bpf", "colors");
        var versions = new Option<string[]>("--versions") { Description = "Only these client versions (comma-separated or repeated; default: all).", HelpName = "VERSION,..." };
        var file = new Option<string?>("--output", "-o") { Description = "Write the file here (created or replaced) instead of printing it.", HelpName = "FILE" };
        var noVlan = new Option<bool>("--no-vlan") { Description = "bpf: leave out the 802.1Q half, for captures that are not Ethernet (libpcap has no vlan for Linux cooked, tcpdump -i any, or raw IP)." };
        var command = new Command("export", "Export the signature model for nDPI, a capture filter or Wireshark colouring rules.") { format, versions, file, noVlan };
        command.SetAction(r =>
        {
            var chosen = r.GetValue(versions) is { Length: > 0 } v
                ? v.SelectMany(x => x.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).DefaultIfEmpty("").ToList()
                : null;
            if (r.GetValue(noVlan) && r.GetValue(format) != "bpf")
            {
                error.WriteLine("skypedissect: --no-vlan applies to export bpf only");
                return (int)ExitCode.UsageError;
            }

            return (int)Run(Signatures.Default, r.GetValue(format)!, chosen, r.GetValue(file), output, error, vlan: !r.GetValue(noVlan));
        });
        return command;
    }

    public static ExitCode Run(SignatureModel model, string format, IReadOnlyList<string>? versions, string? file, TextWriter output, TextWriter error, bool vlan = true)
    {
        if (versions?.FirstOrDefault(w => model.Version(w) is null) is { } unknown)
        {
            error.WriteLine($"skypedissect: unknown version '{unknown}'; known: {string.Join(", ", model.Versions.Select(x => x.Id))}");
            return ExitCode.UsageError;
        }

        // Model order, whatever order the versions were named in.
        var chosen = versions is null ? model : new SignatureModel([.. model.Versions.Where(v => versions.Contains(v.Id))]);
        var render = format == "bpf" ? m => BpfFilterGenerator.Generate(m, vlan) : Formats[format];
        if (!PluginRenderer.TryRender(chosen, render, error, out var files))
        {
            return ExitCode.InvalidModel;
        }

        var text = files.Single().Value;
        if (file is null)
        {
            output.Write(text);
            return ExitCode.Success;
        }

        try
        {
            File.WriteAllBytes(file, GenerateCommand.Utf8NoBom.GetBytes(text));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"skypedissect: cannot write {file}: {IoErrors.WriteReason(file, ex)}");
            return ExitCode.EnvironmentError;
        }

        output.WriteLine($"wrote {file}");
        return ExitCode.Success;
    }
}
