using BenchmarkDotNet.Running;

namespace SkypeDissect.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project bench/SkypeDissect.Benchmarks -- --filter '*'</c>; add <c>--job short</c>
/// for the quick run; <c>-- phases FILE</c> runs the Stopwatch harness of <see cref="Phases"/> instead (docs/benchmarks.md).
/// </summary>
public static class Program
{
    public static void Main(string[] args)
    {
        if (args is ["phases", var file])
        {
            Phases.Run(file);
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
