using System.CommandLine;
using SkypeDissect.Cli.Commands;

namespace SkypeDissect.Cli;

public static class Program
{
    public static int Main(string[] args)
    {
        // Per-frame output can be millions of rows: one large buffer, flushed at the end, not per line.
        using var stdout = new StreamWriter(Console.OpenStandardOutput(), GenerateCommand.Utf8NoBom, 1 << 16) { AutoFlush = false, NewLine = "\n" };
        var code = Run(args, stdout, Console.Error);
        stdout.Flush();
        return code;
    }

    /// <summary>Parses and runs a command line with the given writers; tests call this directly.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var root = BuildRoot(output, error);
        var result = root.Parse(args);
        var config = new InvocationConfiguration { Output = output, Error = error };
        var code = result.Invoke(config);
        // System.CommandLine reports parse errors with exit code 1; scripts get the documented usage code.
        return result.Errors.Count > 0 ? (int)ExitCode.UsageError : code;
    }

    public static RootCommand BuildRoot(TextWriter output, TextWriter error)
    {
        var root = new RootCommand("SkypeDissect: makes the Skype login visible in network traffic.");
        root.Subcommands.Add(SignaturesCommand.Create(output, error));
        root.Subcommands.Add(GenerateCommand.Create(output, error));
        root.Subcommands.Add(PluginCommand.Create(output, error));
        root.Subcommands.Add(AnalyzeCommand.Create(output, error));
        root.Subcommands.Add(CaptureCommand.Create(output, error));
        root.Subcommands.Add(LearnCommand.Create(output, error));
        root.Subcommands.Add(ReportCommand.Create(output, error));
        root.Subcommands.Add(ExportCommand.Create(output, error));
        return root;
    }
}
