using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using HerokuTools.Cli;
using HerokuTools.Common;

namespace HerokuTools.Heroku;

/// <summary>
/// A typed Heroku Platform API v3 client. This file is the transport: headers, retries, errors, Range paging.
/// The endpoints live in one partial file per resource (<c>HerokuClient.Releases.cs</c>, ...).
/// </summary>
public sealed partial class HerokuClient : IDisposable
{
    public const string AcceptHeader = "application/vnd.heroku+json; version=3";

    private readonly HttpClient _http;
    private readonly HerokuClientOptions _options;

    public HerokuClient(HerokuClientOptions options)
        : this(options, new SocketsHttpHandler
        {
            ConnectTimeout = TimeSpan.FromSeconds(15),
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            AutomaticDecompression = DecompressionMethods.All,
        })
    {
    }

    /// <summary>For callers that bring their own handler; the client disposes it.</summary>
    public HerokuClient(HerokuClientOptions options, HttpMessageHandler handler)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Token);
        _options = options;
        _http = new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
    }

    public Uri BaseUrl => _options.BaseUrl;

    /// <summary>A client for the API at <c>HEROKU_API_URL</c> with the token from <see cref="HerokuCredentials"/>.</summary>
    public static HerokuClient Create(CliHost host, Action<string>? verbose)
    {
        ArgumentNullException.ThrowIfNull(host);
        var url = HerokuClientOptions.ApiUrlFrom(host.Environment);
        var token = HerokuCredentials.Resolve(host.Environment, host.HomeDirectory, url);
        return new HerokuClient(new HerokuClientOptions { BaseUrl = url, Token = token, Verbose = verbose });
    }

    public void Dispose() => _http.Dispose();

    private async Task<T> GetAsync<T>(string path, JsonTypeInfo<T> type, CancellationToken cancellation)
    {
        var response = await SendAsync(HttpMethod.Get, path, null, null, cancellation).ConfigureAwait(false);
        return Read(response, type, HttpMethod.Get, path);
    }

    /// <summary>Like <see cref="GetAsync{T}"/> but a 404 is an answer: null.</summary>
    private async Task<T?> GetOrNullAsync<T>(string path, JsonTypeInfo<T> type, CancellationToken cancellation)
        where T : class
    {
        try
        {
            return await GetAsync(path, type, cancellation).ConfigureAwait(false);
        }
        catch (HerokuApiException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private async Task<TResponse> SendAsync<TRequest, TResponse>(
        HttpMethod method, string path, TRequest body, JsonTypeInfo<TRequest> requestType, JsonTypeInfo<TResponse> responseType,
        CancellationToken cancellation)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(body, requestType);
        var response = await SendAsync(method, path, bytes, null, cancellation).ConfigureAwait(false);
        return Read(response, responseType, method, path);
    }

    /// <summary>
    /// Every page of a list, starting with <paramref name="range"/> and following <c>Next-Range</c> on 206 answers
    /// until there is no next page or <paramref name="limit"/> items are in hand.
    /// </summary>
    private async Task<List<T>> ListAsync<T>(
        string path, JsonTypeInfo<List<T>> type, ListRange range, int? limit, CancellationToken cancellation)
    {
        if (limit is <= 0)
        {
            return [];
        }

        var results = new List<T>();
        var header = (limit is { } l ? range with { Max = Math.Min(l, ListRange.MaxPageSize) } : range).ToHeaderValue();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            var response = await SendAsync(HttpMethod.Get, path, null, header, cancellation).ConfigureAwait(false);
            var page = Read(response, type, HttpMethod.Get, path);
            results.AddRange(page);
            if (limit is { } max && results.Count >= max)
            {
                results.RemoveRange(max, results.Count - max);
                return results;
            }

            // A 206 with a Next-Range we have not asked for yet is the only reason to go on.
            if (response.Status != HttpStatusCode.PartialContent || response.NextRange is null || page.Count == 0
                || !seen.Add(header) || seen.Contains(response.NextRange))
            {
                return results;
            }

            header = response.NextRange;
        }
    }

    private static T Read<T>(ApiResponse response, JsonTypeInfo<T> type, HttpMethod method, string path)
    {
        try
        {
            return JsonSerializer.Deserialize(response.Body, type)
                ?? throw new JsonException("null body");
        }
        catch (JsonException e)
        {
            throw new HerokuApiException(
                $"Heroku API: the answer to {method} {path} was not the JSON expected ({e.Message.Split('\n')[0].Trim()})",
                response.Status, null, e);
        }
    }

    private sealed record ApiResponse(HttpStatusCode Status, byte[] Body, string? NextRange);

    /// <summary>
    /// Sends one request, retrying idempotent methods on 429, 5xx, connection failures and timeouts with
    /// exponential backoff and jitter (or the server's <c>Retry-After</c>); throws the last error when it gives up.
    /// </summary>
    private async Task<ApiResponse> SendAsync(
        HttpMethod method, string path, byte[]? body, string? range, CancellationToken cancellation)
    {
        var maxAttempts = method == HttpMethod.Post ? 1 : Math.Max(1, _options.MaxAttempts);
        var waited = TimeSpan.Zero;
        for (var attempt = 1; ; attempt++)
        {
            Exception failure;
            TimeSpan? retryAfter = null;
            var started = Stopwatch.GetTimestamp();
            try
            {
                using var request = BuildRequest(method, path, body, range);
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
                timeout.CancelAfter(_options.RequestTimeout);
                using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
                var bytes = await response.Content.ReadAsByteArrayAsync(timeout.Token).ConfigureAwait(false);
                Log($"{method} {path} -> {(int)response.StatusCode} ({ElapsedMs(started)} ms)");
                if (response.IsSuccessStatusCode)
                {
                    return new ApiResponse(response.StatusCode, bytes, Header(response, "Next-Range"));
                }

                failure = HerokuErrors.FromResponse(response.StatusCode, response.ReasonPhrase, bytes, method, path, _options.BaseUrl);
                if (response.StatusCode != HttpStatusCode.TooManyRequests && (int)response.StatusCode < 500)
                {
                    throw failure;
                }

                retryAfter = RetryAfter(response);
            }
            catch (HttpRequestException e) when (!cancellation.IsCancellationRequested)
            {
                Log($"{method} {path} -> no answer: {e.Message} ({ElapsedMs(started)} ms)");
                failure = new ToolException(
                    $"cannot reach the Heroku API at {_options.BaseUrl.Authority}: {e.Message} ({method} {path}, {Attempts(attempt)})",
                    ExitCodes.Failure, e);
            }
            catch (OperationCanceledException e) when (!cancellation.IsCancellationRequested)
            {
                Log($"{method} {path} -> timed out ({ElapsedMs(started)} ms)");
                failure = new ToolException(
                    string.Create(CultureInfo.InvariantCulture,
                        $"the Heroku API at {_options.BaseUrl.Authority} did not answer within {_options.RequestTimeout.TotalSeconds:0.#} s ({method} {path}, {Attempts(attempt)})"),
                    ExitCodes.Failure, e);
            }

            if (attempt >= maxAttempts)
            {
                throw failure;
            }

            var delay = retryAfter ?? Backoff(attempt);
            if (waited + delay > _options.MaxRetryWait)
            {
                throw failure;
            }

            Log(string.Create(CultureInfo.InvariantCulture,
                $"{method} {path}: retrying in {delay.TotalMilliseconds:0} ms (attempt {attempt + 1} of {maxAttempts})"));
            await _options.Delay(delay, cancellation).ConfigureAwait(false);
            waited += delay;
        }
    }

    private static string Attempts(int attempt) => attempt == 1 ? "1 attempt" : $"{attempt} attempts";

    private HttpRequestMessage BuildRequest(HttpMethod method, string path, byte[]? body, string? range)
    {
        var request = new HttpRequestMessage(method, new Uri(_options.BaseUrl.GetLeftPart(UriPartial.Path).TrimEnd('/') + path, UriKind.Absolute));
        request.Headers.TryAddWithoutValidation("Accept", AcceptHeader);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.Token);
        request.Headers.TryAddWithoutValidation("User-Agent", _options.UserAgent);
        if (range is not null)
        {
            // Heroku's Range ("id ..; max=200") is not an RFC 9110 byte range, so it bypasses header validation.
            request.Headers.TryAddWithoutValidation("Range", range);
        }

        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        }

        return request;
    }

    /// <summary>Exponential: InitialBackoff * 2^(attempt-1), capped, then scaled into [50%, 100%] by the jitter.</summary>
    private TimeSpan Backoff(int attempt)
    {
        var exponential = _options.InitialBackoff.TotalMilliseconds * Math.Pow(2, attempt - 1);
        var capped = Math.Min(exponential, _options.MaxBackoff.TotalMilliseconds);
        var jitter = Math.Clamp(_options.Jitter(), 0, 1);
        return TimeSpan.FromMilliseconds(capped * (0.5 + (0.5 * jitter)));
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - _options.Time.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))?.Trim() : null;

    private static long ElapsedMs(long started) => (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;

    private void Log(string line) => _options.Verbose?.Invoke(line);

    /// <summary>One path segment, escaped (app names and ids are safe; this keeps it so).</summary>
    private static string Segment(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        return Uri.EscapeDataString(value);
    }
}
