using System.CommandLine;
using SkypeDissect.Cli.Commands;

namespace SkypeDissect.Cli;

public static class Program
{
    public static int Main(string[] args)
    {
        // Per-frame output can be millions of rows: one large buffer, flushed when full and at the end, not per line.
        var stdout = new StreamWriter(OutputStream.OpenStandardOutput(), GenerateCommand.Utf8NoBom, 1 << 16) { AutoFlush = false, NewLine = "\n" };
        try
        {
            var code = Run(args, stdout, Console.Error);
            stdout.Flush();
            return code;
        }
        catch (OutputFailedException ex)
        {
            // A reader that stops early (| head) ends the run at once and quietly, as it ends other Unix tools.
            if (ex.ReaderGone)
            {
                return (int)ExitCode.OutputClosed;
            }

            Console.Error.WriteLine($"skypedissect: cannot write the output: {ex.Message}");
            return (int)ExitCode.EnvironmentError;
        }
    }

    /// <summary>Parses and runs a command line with the given writers; tests call this directly.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var root = BuildRoot(output, error);
        var result = root.Parse(args);
        if (UsageErrors.Failed(result))
        {
            // One line, as the commands' own errors, instead of System.CommandLine's message and the whole help.
            error.WriteLine(UsageErrors.Describe(result));
            return (int)ExitCode.UsageError;
        }

        // Exceptions are not turned into text here: a closed output must reach Main, and a bug should not pass for
        // a result with exit code 1 (which means "a check found a difference").
        return result.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
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
