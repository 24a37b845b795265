using System.CommandLine;
using HerokuTools.Output;

namespace HerokuTools.Cli;

/// <summary>What a command's action receives: the host, the global settings, its parse result, cancellation.</summary>
public sealed class Invocation(CliHost host, GlobalSettings settings, ParseResult parseResult, CancellationToken cancellation)
{
    public CliHost Host { get; } = host;
    public GlobalSettings Settings { get; } = settings;
    public ParseResult ParseResult { get; } = parseResult;
    public CancellationToken Cancellation { get; } = cancellation;
    public Reporter Reporter { get; } = new(host, settings);

    public T? Get<T>(Option<T> option) => ParseResult.GetValue(option);
    public T? Get<T>(Argument<T> argument) => ParseResult.GetValue(argument);
}
