using System.Collections.Concurrent;
using HerokuTools.Sandbox.Postgres;

namespace HerokuTools.Sandbox.Tests.Api;

/// <summary>A stand-in for the real provisioner: remembers which databases exist, makes a URL for each.</summary>
internal sealed class TestPostgresProvisioner : IPostgresProvisioner
{
    public ConcurrentDictionary<string, string> Databases { get; } = new();

    public Task<string> CreateDatabaseAsync(string addonName, CancellationToken cancellation = default)
    {
        var url = $"postgres://u_{addonName.Replace('-', '_')}:pw@127.0.0.1:5432/{addonName.Replace('-', '_')}";
        Databases[addonName] = url;
        return Task.FromResult(url);
    }

    public Task DropDatabaseAsync(string addonName, CancellationToken cancellation = default)
    {
        Databases.TryRemove(addonName, out _);
        return Task.CompletedTask;
    }
}
