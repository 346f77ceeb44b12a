using System.Runtime.InteropServices;

namespace SkypeDissect.Cli.Commands;

/// <summary>
/// What kind of file system entry a path is, which .NET does not tell: a FIFO, a device or a socket looks like
/// any file. Asked through the runtime's own native library (the stat call behind File and Directory), whose
/// mode bits use fixed values on every Unix; on Windows, or if the call is not there, every entry counts as a
/// regular file.
/// </summary>
internal static class FileKind
{
    /// <summary>Null for a regular file (or a symbolic link to one) or when unknown; otherwise what it is.</summary>
    public static string? Special(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return null;
        }

        try
        {
            if (Stat(path, out var status) != 0)
            {
                return null; // opening it will say why
            }

            return (status.Mode & 0xF000) switch
            {
                0x1000 => "a FIFO",
                0x2000 => "a character device",
                0x6000 => "a block device",
                0xC000 => "a socket",
                _ => null,
            };
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    // The runtime's FileStatus begins with its flags and the mode; the rest is room for what follows.
    [StructLayout(LayoutKind.Sequential, Size = 256)]
    private struct FileStatus
    {
        public int Flags;
        public int Mode;
    }

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat", CharSet = CharSet.Ansi)]
    private static extern int Stat(string path, out FileStatus status);
}
