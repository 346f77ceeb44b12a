namespace SkypeDissect.Cli;

/// <summary>Exit codes scripts can rely on; the README lists them.</summary>
public enum ExitCode
{
    /// <summary>The command did what was asked.</summary>
    Success = 0,

    /// <summary>A check found a difference (for example <c>generate --check</c>).</summary>
    CheckFailed = 1,

    /// <summary>The command line was wrong (unknown option, unknown version, ...).</summary>
    UsageError = 2,

    /// <summary>An input file could not be read or is damaged; what could be read was still reported.</summary>
    InputError = 3,

    /// <summary>The signature model is invalid; nothing was generated.</summary>
    InvalidModel = 4,

    /// <summary>An output could not be written, or a required program is missing.</summary>
    EnvironmentError = 5,

    /// <summary>The output file exists and is not replaced without being told (<c>learn --emit</c> over a reviewed version).</summary>
    OutputExists = 6,

    /// <summary>
    /// Standard output was closed by its reader (a pipe into <c>head</c>): the run ended early and quietly.
    /// 128 + SIGPIPE, the status a shell reports for a tool that a closed pipe stops.
    /// </summary>
    OutputClosed = 141,
}
