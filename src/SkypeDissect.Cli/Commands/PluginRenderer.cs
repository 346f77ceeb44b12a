using SkypeDissect.Cli.Rendering;
using SkypeDissect.Generator;
using SkypeDissect.Model;

namespace SkypeDissect.Cli.Commands;

/// <summary>Validation before rendering, shared by <c>generate</c> and <c>plugin install</c>.</summary>
public static class PluginRenderer
{
    /// <summary>The plugin file name inside generated/ and inside Wireshark's plugin folder.</summary>
    public const string PluginFileName = "skype_login.lua";

    public static IReadOnlyDictionary<string, string> Render(SignatureModel model) => LuaPluginGenerator.Generate(model);

    /// <summary>Refuses an invalid model, naming the path of each problem on <paramref name="error"/>.</summary>
    public static bool TryRender(
        SignatureModel model,
        Func<SignatureModel, IReadOnlyDictionary<string, string>> render,
        TextWriter error,
        out IReadOnlyDictionary<string, string> files)
    {
        var problems = ModelValidator.Validate(model);
        if (problems.Count > 0)
        {
            foreach (var p in problems)
            {
                error.WriteLine($"skypedissect: invalid model: {p}");
            }

            error.WriteLine($"skypedissect: {TextCells.Count(problems.Count, "problem")} in the model; nothing was generated");
            files = new Dictionary<string, string>();
            return false;
        }

        files = render(model);
        return true;
    }
}
