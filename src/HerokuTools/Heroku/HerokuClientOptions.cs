using System.Reflection;

namespace HerokuTools.Heroku;

/// <summary>
/// How a <see cref="HerokuClient"/> talks to the Platform API: where, as whom, how patiently. The retry knobs
/// (<see cref="Delay"/>, <see cref="Jitter"/>, <see cref="Time"/>) exist so tests can run retries instantly and
/// deterministically.
/// </summary>
public sealed class HerokuClientOptions
{
    public const string ApiUrlVariable = "HEROKU_API_URL";

    public static readonly Uri DefaultApiUrl = new("https://api.heroku.com", UriKind.Absolute);

    public Uri BaseUrl { get; init; } = DefaultApiUrl;

    /// <summary>The API token, sent as <c>Authorization: Bearer</c>; never logged.</summary>
    public required string Token { get; init; }

    public string UserAgent { get; init; } = DefaultUserAgent;

    /// <summary>One line per HTTP exchange (method, path, status, elapsed ms); never headers or bodies.</summary>
    public Action<string>? Verbose { get; init; }

    /// <summary>Waits between attempts; tests record instead of sleeping.</summary>
    public Func<TimeSpan, CancellationToken, Task> Delay { get; init; } = Task.Delay;

    /// <summary>A number in [0, 1) that spreads the backoff; tests pass a constant.</summary>
    public Func<double> Jitter { get; init; } = Random.Shared.NextDouble;

    /// <summary>The clock used to turn a <c>Retry-After</c> date into a wait.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Attempts per idempotent request, the first included.</summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>The most a request may spend waiting between attempts, summed; past it the last error stands.</summary>
    public TimeSpan MaxRetryWait { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The first backoff; each further one doubles, up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>One attempt's limit, from sending the request to reading the whole response.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary><c>HEROKU_API_URL</c> if set (the sandbox sets it), else <see cref="DefaultApiUrl"/>.</summary>
    public static Uri ApiUrlFrom(IReadOnlyDictionary<string, string> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (!environment.TryGetValue(ApiUrlVariable, out var value) || string.IsNullOrWhiteSpace(value))
        {
            return DefaultApiUrl;
        }

        if (!Uri.TryCreate(value.Trim(), UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw new Common.ToolException($"{ApiUrlVariable} is not an http(s) URL: {value}", Common.ExitCodes.Usage);
        }

        return url;
    }

    public static string DefaultUserAgent { get; } = "heroku-tools/" + ToolVersion();

    private static string ToolVersion()
    {
        var informational = typeof(HerokuClientOptions).Assembly
            .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        if (string.IsNullOrEmpty(informational))
        {
            return typeof(HerokuClientOptions).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
        }

        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? informational : informational[..plus];
    }
}
