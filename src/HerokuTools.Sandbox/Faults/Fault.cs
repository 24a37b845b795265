namespace HerokuTools.Sandbox.Faults;

/// <summary>An active fault: a validated <see cref="FaultSpec"/> with its remaining count.</summary>
internal sealed class Fault
{
    private int _remaining;

    private Fault(string id, FaultSpec spec, FaultPathPattern? path, int? remaining)
    {
        Id = id;
        Spec = spec;
        Path = path;
        _remaining = remaining ?? -1;
    }

    public string Id { get; }

    public FaultSpec Spec { get; }

    public FaultPathPattern? Path { get; }

    public string Action => Spec.Action;

    public bool Forever => _remaining < 0;

    /// <summary>Validates and normalises a spec (defaults filled in); throws <see cref="ArgumentException"/> with a
    /// message for the user when it is not usable.</summary>
    public static Fault Create(string id, FaultSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (!FaultAction.All.Contains(spec.Action))
        {
            throw new ArgumentException($"action must be one of: {string.Join(", ", FaultAction.All)}.");
        }

        var forever = spec.Forever ?? false;
        if (forever && spec.Times is not null)
        {
            throw new ArgumentException("give either times or forever, not both.");
        }

        if (spec.Times is < 1)
        {
            throw new ArgumentException("times must be at least 1.");
        }

        FaultPathPattern? path = null;
        var normalised = spec with { Times = null, Forever = null };
        if (FaultAction.IsRequestFault(spec.Action))
        {
            path = FaultPathPattern.TryParse(spec.Path ?? "/**")
                ?? throw new ArgumentException("path must start with '/' ('*' matches one segment, a last '**' the rest).");
            var method = string.IsNullOrWhiteSpace(spec.Method) ? "*" : spec.Method.Trim().ToUpperInvariant();
            normalised = normalised with { Method = method, Path = path.Text, App = null, AfterBytes = null };
            normalised = spec.Action switch
            {
                FaultAction.Fail => ValidateFail(normalised),
                FaultAction.Delay => spec.DelayMs is >= 0 and <= 600_000
                    ? normalised with { Status = null, RetryAfter = null, ErrorId = null, Message = null }
                    : throw new ArgumentException("delay needs delay_ms between 0 and 600000."),
                _ => normalised with { Status = null, RetryAfter = null, ErrorId = null, Message = null, DelayMs = null },
            };
        }
        else
        {
            var app = string.IsNullOrWhiteSpace(spec.App) ? null : spec.App.Trim();
            normalised = spec.Action == FaultAction.RejectPush
                ? new FaultSpec { Action = spec.Action, App = app, Message = spec.Message ?? "Push rejected by an injected sandbox fault." }
                : spec.AfterBytes is null or >= 0
                    ? new FaultSpec { Action = spec.Action, App = app, AfterBytes = spec.AfterBytes ?? 0 }
                    : throw new ArgumentException("after_bytes must not be negative.");
        }

        return new Fault(id, normalised, path, forever ? null : spec.Times ?? 1);
    }

    public bool MatchesRequest(string method, string path) =>
        Path is not null
        && (Spec.Method == "*" || string.Equals(Spec.Method, method, StringComparison.OrdinalIgnoreCase))
        && Path.Matches(path);

    public bool MatchesApp(string action, string app) =>
        Action == action && (Spec.App is null || string.Equals(Spec.App, app, StringComparison.Ordinal));

    /// <summary>Takes one use; false when none is left. When this returns true and the count reaches zero, the
    /// fault is <see cref="Spent"/>.</summary>
    public bool TryConsume()
    {
        while (true)
        {
            var current = Volatile.Read(ref _remaining);
            if (current < 0)
            {
                return true;
            }

            if (current == 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _remaining, current - 1, current) == current)
            {
                return true;
            }
        }
    }

    public bool Spent => Volatile.Read(ref _remaining) == 0;

    public FaultView ToView()
    {
        var remaining = Volatile.Read(ref _remaining);
        return new FaultView(Id, Spec.Action, Spec.Method, Spec.Path, Spec.App, Spec.Status, Spec.RetryAfter, Spec.ErrorId,
            Spec.Message, Spec.DelayMs, Spec.AfterBytes, remaining < 0 ? null : remaining);
    }

    private static FaultSpec ValidateFail(FaultSpec spec)
    {
        var status = spec.Status ?? 503;
        if (status is < 400 or > 599)
        {
            throw new ArgumentException("fail needs a status between 400 and 599.");
        }

        if (spec.RetryAfter is < 0)
        {
            throw new ArgumentException("retry_after must not be negative.");
        }

        return spec with
        {
            Status = status,
            ErrorId = spec.ErrorId ?? DefaultErrorId(status),
            Message = spec.Message ?? DefaultMessage(status),
            DelayMs = null,
        };
    }

    private static string DefaultErrorId(int status) => status switch
    {
        400 => "bad_request",
        401 => "unauthorized",
        403 => "forbidden",
        404 => "not_found",
        409 => "conflict",
        422 => "invalid_params",
        423 => "locked",
        429 => "rate_limit",
        500 => "internal_server_error",
        503 => "unavailable",
        _ => "injected_fault",
    };

    private static string DefaultMessage(int status) => status switch
    {
        429 => "Your account reached the API rate limit. Please wait a few minutes before making new requests.",
        503 => "The API is temporarily unavailable. Please try again later.",
        _ => $"Request failed with status {status} (an injected sandbox fault).",
    };
}
