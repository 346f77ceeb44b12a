using BenchmarkDotNet.Running;
using SkypeDissect.Benchmarks.Volume;

namespace SkypeDissect.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project bench/SkypeDissect.Benchmarks -- --filter '*'</c>; add <c>--job short</c>
/// for the quick run; <c>-- phases FILE</c> runs the Stopwatch harness of <see cref="Phases"/> instead (docs/benchmarks.md);
/// <c>-- volume flows|logins ...</c> writes an adversarial capture (<see cref="VolumeCommand"/>, scripts/bench/volume.sh);
/// <c>-- hostile fragments|onebyte ...</c> a fragment flood (<see cref="Hostile.HostileCommand"/>, scripts/bench/hostile.sh).
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

        if (args is ["volume", .. var rest])
        {
            Environment.ExitCode = VolumeCommand.Run(rest);
            return;
        }

        if (args is ["hostile", .. var hostile])
        {
            Environment.ExitCode = Hostile.HostileCommand.Run(hostile);
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
