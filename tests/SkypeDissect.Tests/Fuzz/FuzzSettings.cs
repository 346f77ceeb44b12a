using System.Globalization;

namespace SkypeDissect.Tests.Fuzz;

/// <summary>
/// The bounds of a fuzz run, from the environment so that a longer run needs no code change:
/// SKYPEDISSECT_FUZZ_MUTANTS (analyzer mutants, default 3000), SKYPEDISSECT_FUZZ_SEED (run seed, default 1),
/// SKYPEDISSECT_FUZZ_LEARN (learner mutants, default 1000), SKYPEDISSECT_FUZZ_PLUGIN (mutants through tshark, default 40), SKYPEDISSECT_FUZZ_TRICKS (trick mutants through
/// tshark, default 30), SKYPEDISSECT_FUZZ_CLI (through the CLI process, default 45), SKYPEDISSECT_FUZZ_ONLY (one mutant index: replays exactly that mutant).
/// </summary>
public static class FuzzSettings
{
    /// <summary>The analyzer reads these captures in milliseconds; seconds mean a loop, even on a loaded machine.</summary>
    public static TimeSpan AnalyzerLimit { get; } = TimeSpan.FromSeconds(15);

    /// <summary>tshark with the plugin takes about a second per small file; a minute means a hang.</summary>
    public static TimeSpan ProcessLimit { get; } = TimeSpan.FromSeconds(60);

    public static int Mutants => Number("SKYPEDISSECT_FUZZ_MUTANTS", 3000);

    public static long RunSeed => Number("SKYPEDISSECT_FUZZ_SEED", 1);

    public static int LearnerMutants => Number("SKYPEDISSECT_FUZZ_LEARN", 1000);

    public static int PluginSample => Number("SKYPEDISSECT_FUZZ_PLUGIN", 40);

    public static int CliSample => Number("SKYPEDISSECT_FUZZ_CLI", 45);

    /// <summary>Mutants of the tricks alone through tshark and the analyzer, tags compared.</summary>
    public static int TrickSample => Number("SKYPEDISSECT_FUZZ_TRICKS", 30);

    public static int? Only => Environment.GetEnvironmentVariable("SKYPEDISSECT_FUZZ_ONLY") is { Length: > 0 } v
        ? int.Parse(v, CultureInfo.InvariantCulture) : null;

    /// <summary>The mutant indices of a run: all of them, or the one asked for.</summary>
    public static IReadOnlyList<int> Indices(int count) => Only is { } one ? [one] : [.. Enumerable.Range(0, count)];

    /// <summary>
    /// <paramref name="count"/> indices spread evenly over the analyzer run's range, so the sample sent to
    /// tshark or the CLI changes with the seed like the rest and is named by the same index.
    /// </summary>
    public static IReadOnlyList<int> Sample(int count, int offset) =>
        Only is { } one ? [one] : [.. Enumerable.Range(0, count).Select(i => ((i * Math.Max(1, Mutants / Math.Max(1, count))) + offset) % Math.Max(1, Mutants))];

    /// <summary>How to replay one mutant, printed with every failure.</summary>
    public static string Replay(Mutant m, string testClass) =>
        $"replay: SKYPEDISSECT_FUZZ_SEED={m.RunSeed} SKYPEDISSECT_FUZZ_ONLY={m.Index} dotnet test tests/SkypeDissect.Tests --filter FullyQualifiedName~{testClass}";

    private static int Number(string name, int fallback) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
}
