using SkypeDissect.Tests.Cli;

namespace SkypeDissect.Tests.Export;

/// <summary>Runs <c>skypedissect export</c> into a temporary folder that is removed afterwards.</summary>
public sealed class ExportFiles : IDisposable
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("skypedissect-export-");

    public string Folder => folder.FullName;

    /// <summary>Exports FORMAT with the extra arguments into a file of the folder and returns its path.</summary>
    public string Export(string format, params string[] extra)
    {
        var path = Path.Combine(Folder, $"{format}-{Guid.NewGuid():N}");
        var run = CliRunner.Run(["export", format, "--output", path, .. extra]);
        if (run.ExitCode != 0)
        {
            throw new InvalidOperationException($"export {format} exited with {run.ExitCode}: {run.Error}");
        }

        return path;
    }

    public void Dispose() => folder.Delete(recursive: true);
}
