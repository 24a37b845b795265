namespace HerokuTools.Sandbox.Faults;

/// <summary>
/// A fault to inject, as the admin endpoint takes it (<c>POST /__sandbox/faults</c>, snake_case JSON).
/// <c>method</c>/<c>path</c> select requests for fail, delay and drop; <c>app</c> selects the app for reject_push
/// and drop_dyno (omitted: any app). <c>times</c> (default 1) is how many matches consume it; <c>forever</c> keeps
/// it until cleared (e.g. latency on every request).
/// </summary>
public sealed record FaultSpec
{
    public string Action { get; init; } = "";

    /// <summary>An HTTP method, or <c>*</c> (the default) for any.</summary>
    public string? Method { get; init; }

    /// <summary>A <see cref="FaultPathPattern"/>; default <c>/**</c> (every request but the admin endpoint's).</summary>
    public string? Path { get; init; }

    public string? App { get; init; }

    /// <summary>fail: the status code (400-599, default 503).</summary>
    public int? Status { get; init; }

    /// <summary>fail: seconds for a Retry-After header.</summary>
    public int? RetryAfter { get; init; }

    /// <summary>fail: the error body's <c>id</c> (default by status, e.g. <c>rate_limit</c> for 429).</summary>
    public string? ErrorId { get; init; }

    /// <summary>fail: the error body's <c>message</c>; reject_push: the message shown to the pusher.</summary>
    public string? Message { get; init; }

    /// <summary>delay: milliseconds to hold the request.</summary>
    public int? DelayMs { get; init; }

    /// <summary>drop_dyno: bytes of output the client gets before the connection is reset (default 0).</summary>
    public long? AfterBytes { get; init; }

    public int? Times { get; init; }

    public bool? Forever { get; init; }
}
