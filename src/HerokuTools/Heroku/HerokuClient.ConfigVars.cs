namespace HerokuTools.Heroku;

public sealed partial class HerokuClient
{
    /// <summary>GET /apps/{app}/config-vars. The values are secrets: never log them.</summary>
    public async Task<IReadOnlyDictionary<string, string>> GetConfigVarsAsync(string app, CancellationToken cancellation = default) =>
        await GetAsync($"/apps/{Segment(app)}/config-vars", HerokuJsonContext.Default.DictionaryStringString, cancellation)
            .ConfigureAwait(false);

    /// <summary>GET /apps/{app}/releases/{release}/config-vars: the config a release ran with.</summary>
    public async Task<IReadOnlyDictionary<string, string>> GetReleaseConfigVarsAsync(
        string app, string releaseIdOrVersion, CancellationToken cancellation = default) =>
        await GetAsync($"/apps/{Segment(app)}/releases/{Segment(releaseIdOrVersion)}/config-vars",
            HerokuJsonContext.Default.DictionaryStringString, cancellation).ConfigureAwait(false);

    /// <summary>
    /// PATCH /apps/{app}/config-vars: sets each key, and unsets each key whose value is null (sent as an explicit
    /// JSON <c>null</c>). Returns the app's whole config afterwards. One PATCH is one new release.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, string>> UpdateConfigVarsAsync(
        string app, IReadOnlyDictionary<string, string?> changes, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var body = new Dictionary<string, string>(changes.Count, StringComparer.Ordinal);
        foreach (var (key, value) in changes)
        {
            // null must reach the wire as null: that is how Heroku unsets a key.
            body[key] = value!;
        }

        return await SendAsync(HttpMethod.Patch, $"/apps/{Segment(app)}/config-vars", body,
            HerokuJsonContext.Default.DictionaryStringString, HerokuJsonContext.Default.DictionaryStringString, cancellation)
            .ConfigureAwait(false);
    }
}
