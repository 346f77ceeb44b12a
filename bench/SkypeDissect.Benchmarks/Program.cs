using BenchmarkDotNet.Running;

namespace SkypeDissect.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project bench/SkypeDissect.Benchmarks -- --filter '*'</c>; add <c>--job short</c>
/// for the quick run (docs/benchmarks.md).
/// </summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
