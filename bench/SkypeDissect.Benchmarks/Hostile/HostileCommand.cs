using System.Globalization;

namespace SkypeDissect.Benchmarks.Hostile;

/// <summary>
/// <c>hostile fragments N FILE</c>: one datagram in N fragments (<see cref="HostileCaptures.OneDatagram"/>);
/// <c>hostile onebyte N FILE</c>: N one-byte fragments, then a query (<see cref="HostileCaptures.OneByteFlood"/>).
/// Each prints the number of frames written; the last one is tagged login-dns.
/// </summary>
public static class HostileCommand
{
    public static int Run(string[] args)
    {
        switch (args)
        {
            case ["fragments", var n, var file]:
            {
                using var output = Create(file);
                Console.WriteLine(HostileCaptures.OneDatagram(output, int.Parse(n, CultureInfo.InvariantCulture)));
                return 0;
            }

            case ["onebyte", var n, var file]:
            {
                using var output = Create(file);
                Console.WriteLine(HostileCaptures.OneByteFlood(output, int.Parse(n, CultureInfo.InvariantCulture)));
                return 0;
            }

            default:
                Console.Error.WriteLine("usage: hostile fragments N FILE | hostile onebyte N FILE");
                return 2;
        }
    }

    private static FileStream Create(string file) =>
        new(file, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1 << 20);
}
