using System.Collections;

namespace HerokuTools.Cli;

/// <summary>
/// Everything the program takes from the world it runs in: streams, whether they are terminals, environment
/// variables, the working directory. <see cref="FromProcess"/> gives the real one; tests build their own.
/// </summary>
public sealed class CliHost
{
    public required TextWriter Out { get; init; }
    public required TextWriter Error { get; init; }
    public required TextReader In { get; init; }

    /// <summary>Standard output is an interactive terminal (Spectre rendering, colour, progress).</summary>
    public bool OutputIsTerminal { get; init; }

    /// <summary>Standard error is an interactive terminal (coloured warnings and errors).</summary>
    public bool ErrorIsTerminal { get; init; }

    /// <summary>Standard input is an interactive terminal (prompts are allowed).</summary>
    public bool InputIsTerminal { get; init; }

    public required IReadOnlyDictionary<string, string> Environment { get; init; }
    public required string WorkingDirectory { get; init; }

    public string? GetEnv(string name) =>
        Environment.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

    public string HomeDirectory =>
        GetEnv("HOME") ?? System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile);

    public static CliHost FromProcess()
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in global::System.Environment.GetEnvironmentVariables())
        {
            env[(string)entry.Key] = (string?)entry.Value ?? "";
        }

        return new CliHost
        {
            Out = Console.Out,
            Error = Console.Error,
            In = Console.In,
            OutputIsTerminal = !Console.IsOutputRedirected,
            ErrorIsTerminal = !Console.IsErrorRedirected,
            InputIsTerminal = !Console.IsInputRedirected,
            Environment = env,
            WorkingDirectory = Directory.GetCurrentDirectory(),
        };
    }
}
