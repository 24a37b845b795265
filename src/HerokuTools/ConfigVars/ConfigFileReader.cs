using HerokuTools.Workflow;
using HerokuTools.Workflow.Yaml;

namespace HerokuTools.ConfigVars;

/// <summary>
/// Reads one config file (<c>settings:</c>, a map of config var name to string value or null) and reports every
/// problem as <c>file:line:col</c>: YAML syntax, unknown keys, duplicate keys, invalid names, values that are
/// not strings (an unquoted <c>5000</c> or <c>true</c>), malformed <c>${NAME}</c> references. Never reports a value.
/// </summary>
internal static class ConfigFileReader
{
    public const string Settings = "settings";

    private static readonly string[] TopKeys = [Settings];

    /// <summary>The file's entries in file order; problems go to <paramref name="problems"/>.</summary>
    public static IReadOnlyList<ConfigEntry> Read(string path, string displayPath, List<WorkflowDiagnostic> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            problems.Add(new WorkflowDiagnostic(displayPath, 1, 1, $"cannot read: {ex.Message}"));
            return [];
        }

        return Parse(text, displayPath, problems);
    }

    public static IReadOnlyList<ConfigEntry> Parse(string text, string displayPath, List<WorkflowDiagnostic> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var diagnostics = new WorkflowDiagnostics(displayPath);
        var entries = new List<ConfigEntry>();
        var root = SourceTreeReader.Read(text, diagnostics);
        if (!diagnostics.Any && root is not null)
        {
            ReadRoot(root, new WorkflowReadContext(diagnostics), displayPath, entries);
        }

        problems.AddRange(diagnostics.Sorted());
        return entries;
    }

    private static void ReadRoot(SourceNode root, WorkflowReadContext context, string displayPath, List<ConfigEntry> entries)
    {
        if (root is not SourceMapping mapping)
        {
            context.Error(root, $"a config file must be a mapping with '{Settings}:', found {root.Kind}");
            return;
        }

        var keys = context.Keys(mapping, TopKeys, "in a config file");
        if (!keys.TryGetValue(Settings, out var settings) || settings.Value is SourceScalar { IsNull: true })
        {
            return;
        }

        if (settings.Value is not SourceMapping map)
        {
            context.Error(settings.Value, $"'{Settings}' must be a mapping of config var names to values, found {settings.Value.Kind}");
            return;
        }

        var first = new Dictionary<string, SourcePosition>(StringComparer.Ordinal);
        foreach (var entry in map.Entries)
        {
            if (entry.Key is not SourceScalar { IsNull: false } key)
            {
                context.Error(entry.Key, $"a config var name must be a string, found {entry.Key.Kind}");
                continue;
            }

            if (!ConfigVarName.IsValid(key.Value))
            {
                context.Error(key, $"'{key.Value}' is not a valid config var name ({ConfigVarName.Rule})");
                continue;
            }

            if (first.TryGetValue(key.Value, out var at))
            {
                context.Error(key, FormattableString.Invariant($"duplicate key '{key.Value}' (first at line {at.Line})"));
                continue;
            }

            first.Add(key.Value, key.Start);
            if (Value(key.Value, entry.Value, context) is { } value)
            {
                entries.Add(new ConfigEntry(key.Value, value.Template, displayPath, key.Start));
            }
        }
    }

    private readonly record struct ReadValue(string? Template);

    /// <summary>The value as a template, null inside for "must not be set", or null after reporting a problem.</summary>
    private static ReadValue? Value(string key, SourceNode node, WorkflowReadContext context)
    {
        if (node is not SourceScalar scalar)
        {
            context.Error(node, $"'{key}' must be a string (or null to unset it), found {node.Kind}");
            return null;
        }

        if (scalar.IsNull)
        {
            return new ReadValue(null);
        }

        if (scalar.IsPlain && NonStringKind(scalar.Value) is { } kind)
        {
            context.Error(scalar, $"'{key}' is {kind}, not a string; quote it: {key}: \"{scalar.Value}\"");
            return null;
        }

        if (ValueTemplate.Problem(scalar.Value) is { } problem)
        {
            context.Error(scalar, $"'{key}': {problem}");
            return null;
        }

        return new ReadValue(scalar.Value);
    }

    /// <summary>
    /// What an unquoted scalar would be to a YAML reader other than a string (YAML 1.2 core schema, plus the YAML
    /// 1.1 booleans yes/no/on/off that PyYAML and others still read), or null when it is a plain string.
    /// </summary>
    internal static string? NonStringKind(string plain)
    {
        if (plain is "true" or "True" or "TRUE" or "false" or "False" or "FALSE"
            or "yes" or "Yes" or "YES" or "no" or "No" or "NO" or "on" or "On" or "ON" or "off" or "Off" or "OFF")
        {
            return "a boolean";
        }

        return LooksNumeric(plain) ? "a number" : null;
    }

    private static bool LooksNumeric(string s)
    {
        if (s is ".inf" or ".Inf" or ".INF" or "+.inf" or "+.Inf" or "+.INF" or "-.inf" or "-.Inf" or "-.INF" or ".nan" or ".NaN" or ".NAN")
        {
            return true;
        }

        if (s.StartsWith("0x", StringComparison.Ordinal) && s.Length > 2 && s[2..].All(char.IsAsciiHexDigit))
        {
            return true;
        }

        if (s.StartsWith("0o", StringComparison.Ordinal) && s.Length > 2 && s[2..].All(c => c is >= '0' and <= '7'))
        {
            return true;
        }

        // [-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )?
        var i = 0;
        if (i < s.Length && s[i] is '-' or '+')
        {
            i++;
        }

        var digits = 0;
        while (i < s.Length && char.IsAsciiDigit(s[i]))
        {
            i++;
            digits++;
        }

        if (i < s.Length && s[i] == '.')
        {
            i++;
            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                i++;
                digits++;
            }
        }

        if (digits == 0)
        {
            return false;
        }

        if (i < s.Length && s[i] is 'e' or 'E')
        {
            i++;
            if (i < s.Length && s[i] is '-' or '+')
            {
                i++;
            }

            var exponent = 0;
            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                i++;
                exponent++;
            }

            if (exponent == 0)
            {
                return false;
            }
        }

        return i == s.Length;
    }
}
