namespace SkypeDissect.Cli.Commands;

/// <summary>
/// A one-line progress bar on standard error, only when it is a terminal (never in pipes or files). It
/// redraws at most ten times a second, from the position of the file being read.
/// </summary>
internal sealed class ProgressBar(TextWriter error, string name, Stream stream)
{
    private readonly long length = Math.Max(1, stream.Length);
    private long lastDraw = Environment.TickCount64;
    private int ticks;

    public void Tick()
    {
        // Checking the clock on every tagged frame would cost more than the frame itself.
        if ((++ticks & 1023) != 0 || Environment.TickCount64 - lastDraw < 100)
        {
            return;
        }

        lastDraw = Environment.TickCount64;
        Draw(Math.Min(stream.Position, length));
    }

    public void Done() => error.Write("\r\u001b[K");

    private void Draw(long position)
    {
        const int width = 30;
        var filled = (int)(width * position / length);
        var percent = 100 * position / length;
        error.Write($"\r{Path.GetFileName(name)} [{new string('#', filled)}{new string('.', width - filled)}] {percent,3}%");
    }
}
