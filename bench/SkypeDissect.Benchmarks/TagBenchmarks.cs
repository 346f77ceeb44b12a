using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using SkypeDissect.Analyzer;
using SkypeDissect.Analyzer.Capture;
using SkypeDissect.Model;

namespace SkypeDissect.Benchmarks;

/// <summary>
/// The analyzer's hot path over a capture held in memory: <see cref="CaptureTagger.Tag"/> with the default
/// model, and reading alone (<see cref="ReadRecords"/>) to show what the reader costs apart from decoding
/// and tagging. No file system in the measured loop.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Columns))]
public class TagBenchmarks
{
    private MemoryStream capture = null!;

    [ParamsAllValues]
    public BenchInput Input { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        // Writable: false and publiclyVisible: false keep the stream a plain view on the bytes.
        var bytes = BenchInputs.Load(Input);
        capture = new MemoryStream(bytes, 0, bytes.Length, writable: false, publiclyVisible: false);
    }

    [GlobalCleanup]
    public void Cleanup() => capture.Dispose();

    [Benchmark]
    public int Tag()
    {
        capture.Position = 0;
        var tagged = 0;
        foreach (var tag in CaptureTagger.Tag(capture, Signatures.Default))
        {
            tagged += tag.Step > 0 ? 1 : 0;
        }

        return tagged;
    }

    [Benchmark]
    public long ReadRecords()
    {
        capture.Position = 0;
        var reader = CaptureReader.Open(capture);
        var bytes = 0L;
        while (reader.TryRead(out _))
        {
            bytes += reader.Data.Length;
        }

        return bytes;
    }

    private sealed class Columns : ManualConfig
    {
        public Columns()
        {
            AddColumn(new FramesColumn(perSecond: false), new FramesColumn(perSecond: true));
        }
    }
}
