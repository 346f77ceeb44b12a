using System.Collections.Concurrent;
using System.Diagnostics;
using SkypeDissect.Learning;
using SkypeDissect.Model;
using Xunit.Abstractions;

namespace SkypeDissect.Tests.Fuzz;

/// <summary>
/// The learner reads captures too, with parsers of its own (TLS client hellos, its flow survey), and
/// promises to report damage in <see cref="LearnReport.Error"/> rather than throw. The first
/// SKYPEDISSECT_FUZZ_LEARN mutants of the run (default 1000) go through it with the analyzer's time limit.
/// </summary>
public sealed class LearnerFuzzTests(ITestOutputHelper log)
{
    [Fact]
    public void Mutants_ThroughLearner_NeverThrowNorHang()
    {
        var mutator = AnalyzerFuzzTests.Mutator;
        var count = FuzzSettings.LearnerMutants;
        var failures = new ConcurrentBag<string>();
        var damaged = 0;
        var clock = Stopwatch.StartNew();
        Parallel.ForEach(FuzzSettings.Indices(count), new ParallelOptions { MaxDegreeOfParallelism = 2 }, index =>
        {
            var mutant = mutator.Make(index);
            string? problem = null;
            var thread = new Thread(() =>
            {
                try
                {
                    var report = Learner.Learn(new MemoryStream(mutant.Bytes, writable: false), "mutant", Signatures.Default.Versions[0], "99.0");
                    if (report.Captures.Any(c => c.Error is not null))
                    {
                        Interlocked.Increment(ref damaged);
                    }
                }
                catch (Exception e)
                {
                    problem = e.ToString();
                }
            }) { IsBackground = true };
            thread.Start();
            if (!thread.Join(FuzzSettings.AnalyzerLimit))
            {
                problem = $"still running after {FuzzSettings.AnalyzerLimit.TotalSeconds} s";
            }

            if (problem is not null)
            {
                failures.Add($"{mutant.Describe()}\n  {problem}\n  {FuzzSettings.Replay(mutant, nameof(LearnerFuzzTests))}");
            }
        });

        log.WriteLine($"{FuzzSettings.Indices(count).Count} mutants through the learner in {clock.Elapsed.TotalSeconds:F1} s; {damaged} reported damage");
        failures.Should().BeEmpty();
    }
}
