namespace HerokuTools.Workflow.Yaml;

/// <summary>A 1-based line and column in the source text.</summary>
internal readonly record struct SourcePosition(int Line, int Column);

/// <summary>A YAML node as written, with where it starts; the loader validates these, never raw text.</summary>
internal abstract class SourceNode(SourcePosition start)
{
    public SourcePosition Start { get; } = start;

    /// <summary>How a message names this kind of node: "a string", "a list", "a mapping".</summary>
    public abstract string Kind { get; }
}

/// <summary>A scalar; <see cref="IsPlain"/> is false when it was quoted or a block scalar.</summary>
internal sealed class SourceScalar(SourcePosition start, string value, bool isPlain) : SourceNode(start)
{
    public string Value { get; } = value;

    public bool IsPlain { get; } = isPlain;

    /// <summary>Nothing written, <c>~</c> or <c>null</c>, unquoted.</summary>
    public bool IsNull => IsPlain && Value is "" or "~" or "null" or "Null" or "NULL";

    /// <summary>An unquoted YAML 1.2 boolean, else null.</summary>
    public bool? Boolean => !IsPlain ? null : Value switch
    {
        "true" or "True" or "TRUE" => true,
        "false" or "False" or "FALSE" => false,
        _ => null,
    };

    public override string Kind => IsNull ? "nothing" : "a string";
}

internal sealed class SourceSequence(SourcePosition start, IReadOnlyList<SourceNode> items) : SourceNode(start)
{
    public IReadOnlyList<SourceNode> Items { get; } = items;

    public override string Kind => "a list";
}

internal sealed class SourceMapping(SourcePosition start, IReadOnlyList<SourceEntry> entries) : SourceNode(start)
{
    /// <summary>Every entry in file order, duplicates included (the loader reports them).</summary>
    public IReadOnlyList<SourceEntry> Entries { get; } = entries;

    public override string Kind => "a mapping";
}

internal sealed record SourceEntry(SourceNode Key, SourceNode Value)
{
    /// <summary>The key's text when it is a scalar (the only kind of key the loader accepts).</summary>
    public string? Name => Key is SourceScalar s ? s.Value : null;
}
