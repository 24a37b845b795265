using System.Net.Http.Headers;
using System.Net.Http.Json;
using HerokuTools.Sandbox.Faults;

namespace HerokuTools.Testing;

/// <summary>
/// Injects faults into a running sandbox through its admin endpoint (<c>/__sandbox/faults</c>), e.g.
/// <c>await sandbox.Faults.FailNextAsync("GET", "/apps/*/releases", 503, times: 2)</c>. Paths: <c>*</c> matches one
/// segment, a last <c>**</c> the rest.
/// </summary>
public sealed class SandboxFaults : IDisposable
{
    private readonly HttpClient _http;

    public SandboxFaults(Uri apiUrl, string token)
    {
        _http = new HttpClient { BaseAddress = apiUrl, Timeout = TimeSpan.FromSeconds(30) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    /// <summary>The next <paramref name="times"/> matching requests get <paramref name="status"/> with a Heroku-style body.</summary>
    public Task<FaultView> FailNextAsync(string method, string path, int status, int times = 1, int? retryAfterSeconds = null,
        string? errorId = null, string? message = null) =>
        AddAsync(new FaultSpec
        {
            Action = FaultAction.Fail, Method = method, Path = path, Status = status, Times = times,
            RetryAfter = retryAfterSeconds, ErrorId = errorId, Message = message,
        });

    /// <summary>The next <paramref name="times"/> matching requests are held for <paramref name="delay"/> first.</summary>
    public Task<FaultView> DelayNextAsync(string method, string path, TimeSpan delay, int times = 1) =>
        AddAsync(new FaultSpec { Action = FaultAction.Delay, Method = method, Path = path, DelayMs = Milliseconds(delay), Times = times });

    /// <summary>Every request (until cleared) is held for <paramref name="delay"/> first: fixed latency.</summary>
    public Task<FaultView> DelayEveryAsync(TimeSpan delay, string method = "*", string path = "/**") =>
        AddAsync(new FaultSpec { Action = FaultAction.Delay, Method = method, Path = path, DelayMs = Milliseconds(delay), Forever = true });

    /// <summary>The next <paramref name="times"/> matching requests have their connection aborted.</summary>
    public Task<FaultView> DropNextAsync(string method, string path, int times = 1) =>
        AddAsync(new FaultSpec { Action = FaultAction.Drop, Method = method, Path = path, Times = times });

    /// <summary>The app's next push that builds is rejected with <paramref name="message"/>.</summary>
    public Task<FaultView> RejectNextPushAsync(string app, string? message = null) =>
        AddAsync(new FaultSpec { Action = FaultAction.RejectPush, App = app, Message = message });

    /// <summary>The app's next attached one-off dyno has its connection reset after <paramref name="afterBytes"/> bytes.</summary>
    public Task<FaultView> DropNextDynoAsync(string app, long afterBytes) =>
        AddAsync(new FaultSpec { Action = FaultAction.DropDyno, App = app, AfterBytes = afterBytes });

    public async Task<FaultView> AddAsync(FaultSpec spec)
    {
        using var response = await _http.PostAsJsonAsync("/__sandbox/faults", spec, FaultJsonContext.Default.FaultSpec);
        await EnsureSuccessAsync(response);
        return (await response.Content.ReadFromJsonAsync(FaultJsonContext.Default.FaultView))!;
    }

    public async Task<IReadOnlyList<FaultView>> ListAsync() =>
        (await _http.GetFromJsonAsync("/__sandbox/faults", FaultJsonContext.Default.ListFaultView))!;

    /// <summary>Removes every fault; returns how many there were.</summary>
    public async Task<int> ClearAsync()
    {
        using var response = await _http.DeleteAsync("/__sandbox/faults");
        await EnsureSuccessAsync(response);
        return (await response.Content.ReadFromJsonAsync(FaultJsonContext.Default.FaultsCleared))!.Cleared;
    }

    public void Dispose() => _http.Dispose();

    private static int Milliseconds(TimeSpan delay) => checked((int)delay.TotalMilliseconds);

    private static async Task EnsureSuccessAsync(HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException(
                $"sandbox faults: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }
}
