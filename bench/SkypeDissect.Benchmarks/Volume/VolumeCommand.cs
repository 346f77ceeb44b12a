using System.Globalization;

namespace SkypeDissect.Benchmarks.Volume;

/// <summary>
/// <c>volume flows N FILE</c>: the flow flood, prints the number of frames that must be tagged.
/// <c>volume logins N FILE EXPECTED [STAGGER]</c>: the login crowd, writes one line per client to EXPECTED
/// (<c>client outcome fallbackStage loginServer loginServerPosition retries</c>, tab-separated, sorted
/// ordinally) and prints the number of frames, all of which must be tagged.
/// </summary>
public static class VolumeCommand
{
    public static int Run(string[] args)
    {
        switch (args)
        {
            case ["flows", var n, var file]:
            {
                using var output = Create(file);
                Console.WriteLine(VolumeCaptures.FlowFlood(output, long.Parse(n, CultureInfo.InvariantCulture)));
                return 0;
            }

            case ["logins", var n, var file, var expectedFile, .. var more] when more.Length <= 1:
            {
                var stagger = more.Length == 1 ? double.Parse(more[0], CultureInfo.InvariantCulture) : 0.0005;
                List<ExpectedLogin> expected;
                long frames;
                using (var output = Create(file))
                {
                    expected = VolumeCaptures.LoginCrowd(output, int.Parse(n, CultureInfo.InvariantCulture), stagger, out frames);
                }

                var lines = expected.Select(e => $"{e.Client}\t{e.Outcome}\t{e.Stage}\t{e.LoginServer}\t{e.Position}\t0\n")
                    .OrderBy(l => l, StringComparer.Ordinal);
                File.WriteAllText(expectedFile, string.Concat(lines));
                Console.WriteLine(frames);
                return 0;
            }

            default:
                Console.Error.WriteLine("usage: volume flows N FILE | volume logins N FILE EXPECTED [STAGGER]");
                return 2;
        }
    }

    private static FileStream Create(string file) =>
        new(file, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1 << 20);
}
