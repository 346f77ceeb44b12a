using System.CommandLine;
using SkypeDissect.Cli.Rendering;
using SkypeDissect.Model;

namespace SkypeDissect.Cli.Commands;

/// <summary><c>skypedissect signatures [--version V] [--format table|json]</c>: prints the model.</summary>
public static class SignaturesCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var version = new Option<string?>("--version") { Description = "Only this client version (for example 6.3.0.197).", HelpName = "VERSION" };
        var format = new Option<string>("--format") { Description = "table (for people) or json (for programs).", DefaultValueFactory = _ => "table" };
        UsageErrors.OnlyValues(format, "table", "json");
        var command = new Command("signatures", "Print the signature model: steps, server groups, rules and their provenance.") { version, format };
        command.SetAction(r => (int)Run(Signatures.Default, r.GetValue(version), r.GetValue(format)!, output, error));
        return command;
    }

    public static ExitCode Run(SignatureModel model, string? versionId, string format, TextWriter output, TextWriter error)
    {
        var versions = model.Versions;
        if (versionId is not null)
        {
            var v = model.Version(versionId);
            if (v is null)
            {
                error.WriteLine($"skypedissect: unknown version '{versionId}'; known: {string.Join(", ", model.Versions.Select(x => x.Id))}");
                return ExitCode.UsageError;
            }

            versions = [v];
        }

        if (format == "json")
        {
            output.Write(ModelJson.Render(versions));
        }
        else
        {
            ModelTable.Render(versions, output);
        }

        return ExitCode.Success;
    }
}
