using System.Collections.Concurrent;
using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using SkypeDissect.Analyzer.Capture;

namespace SkypeDissect.Benchmarks;

/// <summary>
/// The number of frames of the benchmark's input and, with <c>perSecond</c>, frames per second at the mean
/// time: the figure the whole-process comparison (scripts/bench/whole-process.sh) reports too.
/// </summary>
public sealed class FramesColumn(bool perSecond) : IColumn
{
    private static readonly ConcurrentDictionary<BenchInput, long> Counts = new();

    public string Id => perSecond ? "FramesPerSecond" : "Frames";

    public string ColumnName => perSecond ? "Frames/s" : "Frames";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => perSecond ? 1 : 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => perSecond ? "Frames of the input divided by the mean time" : "Frames (records) of the input capture";

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        if (benchmarkCase.Parameters["Input"] is not BenchInput input)
        {
            return "-";
        }

        var frames = Counts.GetOrAdd(input, Count);
        if (!perSecond)
        {
            return frames.ToString(CultureInfo.InvariantCulture);
        }

        var mean = summary[benchmarkCase]?.ResultStatistics?.Mean;
        return mean is > 0 ? (frames / (mean.Value / 1e9)).ToString("N0", CultureInfo.InvariantCulture) : "-";
    }

    private static long Count(BenchInput input)
    {
        using var stream = new MemoryStream(BenchInputs.Load(input));
        var reader = CaptureReader.Open(stream);
        while (reader.TryRead(out _))
        {
        }

        return reader.RecordCount;
    }
}
