namespace SkypeDissect.Tests.Cli;

/// <summary>Runs the CLI in-process with string writers, as a script would see it.</summary>
public static class CliRunner
{
    public sealed record Result(int ExitCode, string Output, string Error);

    public static Result Run(params string[] args)
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        var code = SkypeDissect.Cli.Program.Run(args, output, error);
        return new Result(code, output.ToString(), error.ToString());
    }
}
