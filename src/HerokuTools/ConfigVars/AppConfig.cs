using HerokuTools.Heroku;

namespace HerokuTools.ConfigVars;

/// <summary>
/// An app's config vars as they are, and which of them its add-ons manage (key -> add-on name). Managed keys
/// are never changed or removed by heroku-tools.
/// </summary>
public sealed record AppConfig(string App, IReadOnlyDictionary<string, string> Values, IReadOnlyDictionary<string, string> Managed)
{
    public bool IsManaged(string key) => Managed.ContainsKey(key);

    /// <summary>Reads the config vars, the add-on attachments and the add-ons of <paramref name="app"/>, all at once.</summary>
    public static async Task<AppConfig> ReadAsync(HerokuClient client, string app, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(client);
        var values = client.GetConfigVarsAsync(app, cancellation);
        var attachments = client.ListAddonAttachmentsAsync(app, cancellation);
        var addons = client.ListAddonsAsync(app, cancellation);
        await Task.WhenAll(values, attachments, addons).ConfigureAwait(false);

        var managed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var attachment in await attachments.ConfigureAwait(false))
        {
            var addon = attachment.Addon?.Name ?? attachment.Name ?? "an add-on";
            if (attachment.UrlConfigVar is { } url)
            {
                managed.TryAdd(url, addon);
            }

            foreach (var key in attachment.Addon?.ConfigVars ?? [])
            {
                managed.TryAdd(key, addon);
            }
        }

        foreach (var addon in await addons.ConfigureAwait(false))
        {
            foreach (var key in addon.ConfigVars ?? [])
            {
                managed.TryAdd(key, addon.Name ?? "an add-on");
            }
        }

        return new AppConfig(app, await values.ConfigureAwait(false), managed);
    }

    /// <summary>Both apps read at the same time.</summary>
    public static async Task<(AppConfig First, AppConfig Second)> ReadBothAsync(
        HerokuClient client, string first, string second, CancellationToken cancellation)
    {
        var a = ReadAsync(client, first, cancellation);
        var b = ReadAsync(client, second, cancellation);
        await Task.WhenAll(a, b).ConfigureAwait(false);
        return (await a.ConfigureAwait(false), await b.ConfigureAwait(false));
    }
}
