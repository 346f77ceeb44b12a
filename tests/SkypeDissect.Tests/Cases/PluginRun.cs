using SkypeDissect.Generator.Rendering;
using SkypeDissect.Model;
using SkypeDissect.Tests.Support;
using ModelSignatures = SkypeDissect.Model.Signatures;

namespace SkypeDissect.Tests.Cases;

/// <summary>The generated plugin run by tshark on a capture, read back as <see cref="TagRow"/>s and expert frames.</summary>
public static class PluginRun
{
    /// <summary>The frame number and the tag's fields, by the contract's names (<see cref="TaggingContract.Fields"/>).</summary>
    public static IReadOnlyList<string> TagFields { get; } =
        ["frame.number", .. new[] { TagField.Step, TagField.Group, TagField.Rule, TagField.Version }.Select(f => f.Filter)];

    public static IReadOnlyList<string> Experts { get; } = [.. TaggingContract.Experts.Select(e => e.Name)];

    /// <summary>Every frame the plugin tags (display filter <c>skypelogin</c>); fails with tshark's stderr when tshark fails.</summary>
    public static IReadOnlyList<TagRow> Tags(string capture, IReadOnlySet<string>? versions = null, IReadOnlyDictionary<string, string>? environment = null) =>
        Tags(capture, RepoPaths.Plugin, Preferences(versions), environment);

    /// <summary>Every frame <paramref name="plugin"/> (a generated plugin file) tags; fails as <see cref="Tags(string, IReadOnlySet{string}?, IReadOnlyDictionary{string, string}?)"/> does.</summary>
    public static IReadOnlyList<TagRow> Tags(string capture, string plugin, IReadOnlyList<string>? extraArgs = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var result = Tshark.Run(capture, plugin, TagFields, TaggingContract.Protocol, extraArgs, environment);
        EnsureClean(result, capture);
        return [.. result.Rows.Select(r => TagRow.Parse(r, $"tshark on {capture}"))];
    }

    /// <summary>Frames carrying <c>skypelogin.expert.KIND</c>, as "frame\tkind" lines sorted by frame.</summary>
    public static IReadOnlyList<(long Frame, string Expert)> ExpertFrames(string capture, IReadOnlySet<string>? versions = null)
    {
        var frames = new List<(long, string)>();
        foreach (var kind in Experts)
        {
            var result = Tshark.Run(capture, RepoPaths.Plugin, ["frame.number"], TaggingContract.Protocol + ".expert." + kind, Preferences(versions));
            EnsureClean(result, capture);
            frames.AddRange(result.Rows.Select(r => (long.Parse(r[0], System.Globalization.CultureInfo.InvariantCulture), kind)));
        }

        return [.. frames.OrderBy(f => f.Item1).ThenBy(f => f.Item2, StringComparer.Ordinal)];
    }

    /// <summary>The plugin's preferences that disable every version of the model outside <paramref name="versions"/> (null: none disabled).</summary>
    public static IReadOnlyList<string> Preferences(IReadOnlySet<string>? versions) =>
        versions is null
            ? []
            : [.. ModelSignatures.Default.Versions.Where(v => !versions.Contains(v.Id))
                .SelectMany(v => new[] { "-o", $"skypelogin.{LuaText.PreferenceName(v.Id)}:FALSE" })];

    /// <summary>Frames where a Lua error was raised (display filter <c>_ws.lua.error</c>).</summary>
    public static IReadOnlyList<string> LuaErrorFrames(string capture, out string standardError)
    {
        var result = Tshark.Run(capture, RepoPaths.Plugin, ["frame.number", "_ws.lua.error"], "_ws.lua.error");
        standardError = result.StandardError;
        return [.. result.Rows.Select(r => string.Join(" ", r))];
    }

    /// <summary>Lines of tshark's standard error that report a Lua problem (loading or running the plugin).</summary>
    public static IReadOnlyList<string> LuaComplaints(string standardError) =>
        [.. standardError.Split('\n').Where(l => l.Contains("lua", StringComparison.OrdinalIgnoreCase)
            && (l.Contains("error", StringComparison.OrdinalIgnoreCase) || l.Contains("warn", StringComparison.OrdinalIgnoreCase)))];

    private static void EnsureClean(TsharkResult result, string capture)
    {
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"tshark exited with {result.ExitCode} on {capture}:\n{result.StandardError}");
        }

        var complaints = LuaComplaints(result.StandardError);
        if (complaints.Count > 0)
        {
            throw new InvalidOperationException($"tshark reported Lua problems on {capture}:\n{string.Join("\n", complaints)}");
        }
    }
}
