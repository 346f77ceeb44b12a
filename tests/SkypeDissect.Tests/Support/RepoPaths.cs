namespace SkypeDissect.Tests.Support;

/// <summary>Locations inside the repository and beside it, found from the test binary upwards.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> RootLazy = new(() =>
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "SkypeDissect.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("SkypeDissect.sln not found above " + AppContext.BaseDirectory);
    });

    /// <summary>The repository root (the folder holding SkypeDissect.sln).</summary>
    public static string Root => RootLazy.Value;

    public static string Generated => Path.Combine(Root, "generated");

    public static string Plugin => Path.Combine(Generated, "skype_login.lua");

    public static string Cases => Path.Combine(Root, "tests", "cases");

    public static string Data => Path.Combine(Root, "tests", "data");

    /// <summary>True when rewriting expected files was asked for (after a reviewed change).</summary>
    public static bool UpdateExpected => Environment.GetEnvironmentVariable("SKYPEDISSECT_UPDATE_EXPECTED") == "1";
}
