namespace SkypeDissect.Cli;

/// <summary>
/// File errors in words, not .NET's exception texts ("Could not find file '...'", "Could not find a part of
/// the path"): the path is already named at the start of the line, the reason follows as Unix tools give it.
/// </summary>
public static class IoErrors
{
    public static string Reason(Exception ex) => ex switch
    {
        FileNotFoundException => "no such file",
        DirectoryNotFoundException => "no such folder",
        UnauthorizedAccessException => "permission denied",
        PathTooLongException => "the path is too long",
        _ => ex.Message.TrimEnd('.'),
    };

    /// <summary>Why <paramref name="path"/> could not be written: .NET reports a folder there as access denied.</summary>
    public static string WriteReason(string path, Exception ex) => Directory.Exists(path) ? "is a directory" : Reason(ex);
}
