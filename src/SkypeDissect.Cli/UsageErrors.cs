using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using System.Globalization;

namespace SkypeDissect.Cli;

/// <summary>
/// Usage errors in one line on standard error, as the commands' own errors are: what is wrong, a suggestion
/// for a misspelt command or option, and where the help is; never System.CommandLine's several lines and the
/// whole help, nor a .NET type name.
/// </summary>
public static class UsageErrors
{
    /// <summary>True when System.CommandLine would report parse errors (help, version and suggestions clear them).</summary>
    public static bool Failed(ParseResult result) => result.Errors.Count > 0 && result.Action is ParseErrorAction;

    /// <summary>The one line for a parse result with errors.</summary>
    public static string Describe(ParseResult result)
    {
        var commandResult = result.CommandResult;
        var command = commandResult.Command;
        var path = Path(commandResult);
        return $"skypedissect: {What(result, command, path)} (see {path} --help)";
    }

    /// <summary>An option the command does not have, with the nearest one it has.</summary>
    public static string UnknownOption(Command command, string token) =>
        $"unknown option '{token}'{Suggest(token, OptionNames(command))}";

    private static string What(ParseResult result, Command command, string path)
    {
        if (result.UnmatchedTokens.FirstOrDefault() is { } token)
        {
            if (token.StartsWith('-') && token.Length > 1)
            {
                return UnknownOption(command, token);
            }

            return command.Subcommands.Count > 0
                ? $"unknown command '{token}'{Suggest(token, command.Subcommands.Select(c => c.Name))}"
                : $"unexpected argument '{token}'";
        }

        var name = path == "skypedissect" ? "" : path["skypedissect ".Length..] + " ";
        if (command.Subcommands.Count > 0 && command.Action is null)
        {
            return $"{(name.Length == 0 ? "no command given" : name + "needs a command")}: {Words(command.Subcommands.Select(c => c.Name))}";
        }

        foreach (var argument in command.Arguments)
        {
            if (argument.Arity.MinimumNumberOfValues > 0 && (result.GetResult(argument) is not ArgumentResult a || a.Tokens.Count == 0))
            {
                return $"{name}needs {argument.HelpName ?? argument.Name.ToUpperInvariant()}";
            }
        }

        foreach (var option in command.Options)
        {
            var given = result.GetResult(option) as OptionResult;
            if (option.Required && (given is null || given.Implicit))
            {
                return $"{name}needs {option.Name} {option.HelpName ?? "VALUE"}";
            }

            if (given is { Implicit: false } && given.Tokens.Count == 0 && option.Arity.MinimumNumberOfValues > 0)
            {
                return option.HelpName is { } value ? $"{option.Name} needs a value ({value})" : $"{option.Name} needs a value";
            }
        }

        // The commands' own validators and parsers write one-line messages; anything else is put on one line.
        var message = result.Errors[0].Message;
        return string.Join(' ', message.Split((char[])['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).TrimEnd('.');
    }

    /// <summary>"skypedissect", "skypedissect plugin", ...: the words that reach the command.</summary>
    private static string Path(CommandResult result)
    {
        var names = new List<string>();
        for (SymbolResult? r = result; r is not null; r = r.Parent)
        {
            if (r is CommandResult c)
            {
                names.Add(c.Command is RootCommand ? "skypedissect" : c.Command.Name);
            }
        }

        names.Reverse();
        return string.Join(' ', names);
    }

    private static IEnumerable<string> OptionNames(Command command) =>
        command.Options.Where(o => !o.Hidden).SelectMany(o => o.Aliases.Prepend(o.Name)).Where(n => n.StartsWith("--", StringComparison.Ordinal));

    /// <summary>"; did you mean 'x'?" for the one candidate within two edits (or of which the token is a prefix).</summary>
    private static string Suggest(string token, IEnumerable<string> candidates)
    {
        var best = candidates
            .Select(c => (Name: c, Distance: c.StartsWith(token, StringComparison.Ordinal) && token.TrimStart('-').Length >= 2 ? 0 : Distance(token, c)))
            .Where(c => c.Distance <= 2)
            .OrderBy(c => c.Distance).ThenBy(c => c.Name, StringComparer.Ordinal)
            .ToList();
        return best.Count > 0 && (best.Count == 1 || best[0].Distance < best[1].Distance) ? $"; did you mean '{best[0].Name}'?" : "";
    }

    private static int Distance(string a, string b)
    {
        var row = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var diagonal = row[0];
            row[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var above = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), diagonal + (a[i - 1] == b[j - 1] ? 0 : 1));
                diagonal = above;
            }
        }

        return row[b.Length];
    }

    /// <summary>"a, b or c".</summary>
    public static string Words(IEnumerable<string> words)
    {
        var list = words.ToList();
        return list.Count <= 1 ? string.Join("", list) : string.Join(", ", list.Take(list.Count - 1)) + " or " + list[^1];
    }

    /// <summary>Restricts an option to fixed values: one-line error, the values in help and in tab completion.</summary>
    public static void OnlyValues(Option option, params string[] values)
    {
        option.HelpName = string.Join('|', values);
        option.CompletionSources.Add(values);
        option.Validators.Add(r =>
        {
            if (r.Tokens.FirstOrDefault(t => !values.Contains(t.Value, StringComparer.Ordinal)) is { } bad)
            {
                r.AddError($"{option.Name} must be {Words(values)}, not '{bad.Value}'");
            }
        });
    }

    /// <summary>Restricts an argument to fixed values, as <see cref="OnlyValues(Option, string[])"/> does an option.</summary>
    public static void OnlyValues(Argument argument, params string[] values)
    {
        argument.HelpName = string.Join('|', values);
        argument.CompletionSources.Add(values);
        argument.Validators.Add(r =>
        {
            if (r.Tokens.FirstOrDefault(t => !values.Contains(t.Value, StringComparer.Ordinal)) is { } bad)
            {
                r.AddError($"{argument.Name} must be {Words(values)}, not '{bad.Value}'");
            }
        });
    }

    /// <summary>A whole number of at least <paramref name="min"/>, or a one-line error naming the option.</summary>
    public static int? WholeNumber(ArgumentResult r, string option, int min)
    {
        var text = r.Tokens.Count > 0 ? r.Tokens[0].Value : "";
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min)
        {
            return n;
        }

        r.AddError($"{option} must be a whole number of at least {min.ToString(CultureInfo.InvariantCulture)}, not '{text}'");
        return null;
    }
}
