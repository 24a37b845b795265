using HerokuTools.Sandbox.Dynos;
using HerokuTools.Sandbox.Postgres;

namespace HerokuTools.Sandbox.Hosting;

/// <summary>How to start a <see cref="SandboxServer"/>.</summary>
public sealed class SandboxOptions
{
    /// <summary>The state directory (state.json, the API token, per-app folders); created when missing.</summary>
    public required string Directory { get; init; }

    /// <summary>The port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>Runs one-off dynos; null makes the dyno endpoints answer 503 unavailable.</summary>
    public IDynoRunner? DynoRunner { get; init; }

    /// <summary>Provisions Postgres add-ons; null makes add-on creation answer 503 unavailable.</summary>
    public IPostgresProvisioner? PostgresProvisioner { get; init; }

    /// <summary>The folder a dyno of an app runs in; by default STATE/workdirs/APP (an empty folder).</summary>
    public Func<string, string>? DynoWorkingDirectory { get; init; }

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
