namespace HerokuTools.Sandbox.Faults;

/// <summary>An active fault as the admin endpoint lists it; <c>remaining</c> is null for a forever fault.</summary>
public sealed record FaultView(
    string Id,
    string Action,
    string? Method,
    string? Path,
    string? App,
    int? Status,
    int? RetryAfter,
    string? ErrorId,
    string? Message,
    int? DelayMs,
    long? AfterBytes,
    int? Remaining);

/// <summary>The answer to <c>DELETE /__sandbox/faults</c>.</summary>
public sealed record FaultsCleared(int Cleared);
