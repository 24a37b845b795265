using HerokuTools.Sandbox.Dynos;
using HerokuTools.Sandbox.Postgres;

using Microsoft.AspNetCore.Builder;

namespace HerokuTools.Sandbox.Hosting;

/// <summary>What a dyno's folder is made from.</summary>
public sealed record DynoFolderRequest(string App, string? Commit, string DynoName);

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

    /// <summary>Prepares the folder a dyno runs in, given the app, the commit of the release it runs (null when the
    /// release has no slug) and the dyno's name; by default STATE/workdirs/APP (an empty folder).</summary>
    public Func<DynoFolderRequest, CancellationToken, Task<string>>? DynoWorkingDirectory { get; init; }

    /// <summary>Called after an app is deleted (its git repository goes with it).</summary>
    public Func<string, Task>? AppDeleted { get; init; }

    /// <summary>More endpoints on the same server (git smart HTTP, the admin endpoint); they do their own auth.</summary>
    public Action<WebApplication>? MapMore { get; init; }

    /// <summary>Runs first in the request pipeline (fault injection).</summary>
    public Action<WebApplication>? UseFirst { get; init; }

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>The apps' recent log lines (detached dynos' output), read back through log sessions.</summary>
    public Logs.AppLogs Logs { get; init; } = new(TimeProvider.System);
}
