using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using HerokuTools.Common;

namespace HerokuTools.Cli;

/// <summary>
/// The command line's parse errors as the tool words them: one plain line each, an unknown command or option with a
/// "did you mean" when a known one is a small typo away, and no .NET type names.
/// </summary>
internal static class ParseErrorText
{
    public static IReadOnlyList<string> Lines(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var lines = new List<string>();
        var command = parse.CommandResult.Command;
        var unmatched = parse.UnmatchedTokens;
        foreach (var token in unmatched)
        {
            if (token.StartsWith('-') && token.Length > 1)
            {
                var name = token.Split('=', 2)[0];
                lines.Add($"unknown option '{name}'{Hint(name, OptionNames(parse.CommandResult))}");
            }
            else if (command.Subcommands.Count > 0)
            {
                // An unknown command: what follows it is its arguments, not more mistakes.
                var where = command == parse.RootCommandResult.Command ? "" : $" for '{command.Name}'";
                lines.Add($"unknown command '{token}'{where}{Hint(token, command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name))}");
                break;
            }
            else
            {
                lines.Add($"unexpected argument '{token}'");
            }
        }

        // An argument that looks like an option ('status --jsn' gives '--jsn' to ENV): an unknown option.
        foreach (var token in parse.CommandResult.Children.OfType<ArgumentResult>().SelectMany(a => a.Tokens).Select(t => t.Value).Where(IsOptionLike))
        {
            var name = token.Split('=', 2)[0];
            lines.Add($"unknown option '{name}'{Hint(name, OptionNames(parse.CommandResult))}");
        }

        var unknownCommand = lines.Any(l => l.StartsWith("unknown command", StringComparison.Ordinal));
        foreach (var error in parse.Errors)
        {
            if (IsUnmatchedTokenError(error, unmatched) || (unknownCommand && error.SymbolResult is CommandResult))
            {
                continue;
            }

            lines.Add(Plain(error));
        }

        return lines.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// "; did you mean 'x'?" when <paramref name="typed"/> is a small typo of one of <paramref name="known"/>; on a
    /// tie, a name that starts with what was typed wins ('of' -> 'off', not 'on').
    /// </summary>
    public static string Hint(string typed, IEnumerable<string> known) =>
        DidYouMean.Suggest(typed, known.OrderBy(k => k.StartsWith(typed, StringComparison.OrdinalIgnoreCase) ? 0 : 1)) is { } suggestion
            ? $"; did you mean '{suggestion}'?"
            : "";

    /// <summary>True when the parse found nothing wrong but an argument is really a mistyped option.</summary>
    public static bool HasOptionLikeArguments(ParseResult parse) =>
        parse.CommandResult.Children.OfType<ArgumentResult>().SelectMany(a => a.Tokens).Any(t => IsOptionLike(t.Value));

    private static bool IsOptionLike(string token) =>
        token.Length > 1 && token[0] == '-' && !double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    private static IEnumerable<string> OptionNames(CommandResult result)
    {
        for (SymbolResult? r = result; r is not null; r = r.Parent)
        {
            if (r is CommandResult c)
            {
                foreach (var option in c.Command.Options.Where(o => !o.Hidden && (r == result || o.Recursive)))
                {
                    yield return option.Name;
                    foreach (var alias in option.Aliases.Where(a => a.StartsWith("--", StringComparison.Ordinal)))
                    {
                        yield return alias;
                    }
                }
            }
        }
    }

    private static bool IsUnmatchedTokenError(ParseError error, IReadOnlyList<string> unmatched) =>
        error.SymbolResult is null or CommandResult && unmatched.Any(t => error.Message.Contains($"'{t}'", StringComparison.Ordinal));

    /// <summary>A value that did not convert: say what the option takes instead of naming a .NET type.</summary>
    private static string Plain(ParseError error)
    {
        var (symbol, tokens) = error.SymbolResult switch
        {
            ArgumentResult { Parent: OptionResult o } a => ((Symbol)o.Option, a.Tokens),
            OptionResult o => (o.Option, o.Tokens),
            ArgumentResult a => (a.Argument, a.Tokens),
            _ => ((Symbol?)null, (IReadOnlyList<Token>)[]),
        };
        var valueType = symbol switch
        {
            Option o => o.ValueType,
            Argument a => a.ValueType,
            _ => null,
        };
        var value = tokens.Count > 0 ? tokens[^1].Value : null;
        if (symbol is null || value is null || valueType is null || !error.Message.Contains(valueType.ToString(), StringComparison.Ordinal))
        {
            return error.Message;
        }

        var underlying = Nullable.GetUnderlyingType(valueType) ?? valueType;
        return underlying == typeof(int) || underlying == typeof(long)
            ? string.Create(CultureInfo.InvariantCulture, $"{symbol.Name} expects a whole number, not '{value}'")
            : $"{symbol.Name} does not accept '{value}'";
    }
}
