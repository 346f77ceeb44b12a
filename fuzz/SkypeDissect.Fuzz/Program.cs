using SharpFuzz;
using SkypeDissect.Analyzer;
using SkypeDissect.Analyzer.Capture;
using SkypeDissect.Learning;
using SkypeDissect.Analyzer.Sessions;
using SkypeDissect.Model;

namespace SkypeDissect.Fuzz;

/// <summary>
/// AFL target: each input is one capture file, run through the analyzer as <c>skypedissect analyze</c> does
/// (tags, expert events and sessions) and, with the argument <c>learn</c>, through the learner as well.
/// The documented answer to a damaged file, <see cref="CaptureFormatException"/>, is a normal end; any other
/// exception escapes and AFL records the input as a crash. Without AFL (no __AFL_SHM_ID) the arguments are
/// files to replay, which is how a finding is reproduced: <c>dotnet SkypeDissect.Fuzz.dll replay FILE...</c>.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        var learn = args.Contains("learn", StringComparer.Ordinal);
        if (args.Length > 0 && args[0] == "replay")
        {
            foreach (var file in args.Skip(1).Where(a => a != "learn"))
            {
                using var input = File.OpenRead(file);
                Console.WriteLine($"{file}: {Target(input, learn)} frames");
            }

            return 0;
        }

        // Persistent mode: one process serves many inputs. The analyzer keeps no static state between runs.
        Fuzzer.Run(stream => Target(stream, learn));
        return 0;
    }

    private static long Target(Stream input, bool learn)
    {
        // AFL's input stream cannot seek; the learner reads the capture a second time, from memory.
        var bytes = new MemoryStream();
        input.CopyTo(bytes);

        var stream = new MemoryStream(bytes.GetBuffer(), 0, (int)bytes.Length, writable: false);
        var model = Signatures.Default;
        var frames = 0L;
        var sessions = 0;
        var builder = new SessionBuilder(model, _ => sessions++);
        try
        {
            foreach (var frame in CaptureTagger.Analyze(stream, model))
            {
                builder.Add(frame);
                frames++;
            }
        }
        catch (CaptureFormatException)
        {
            // Documented: the file is damaged; everything before the damage was already yielded.
        }

        builder.Flush();
        if (learn)
        {
            Learner.Learn(new MemoryStream(bytes.GetBuffer(), 0, (int)bytes.Length, writable: false), "input", model.Versions[0], "99.0");
        }

        return frames;
    }
}
