using HerokuTools.Heroku;

namespace HerokuTools.Tests.Heroku;

/// <summary>A client for a test server: retries wait for nothing but are recorded, jitter is fixed at full backoff.</summary>
internal sealed class TestClient : IDisposable
{
    public const string Token = "tok-3f1c9a7e-secret";

    public TestClient(Uri url, int maxAttempts = 5, TimeSpan? requestTimeout = null, TimeSpan? maxRetryWait = null)
    {
        var options = new HerokuClientOptions
        {
            BaseUrl = url,
            Token = Token,
            Verbose = line => { lock (Log) { Log.Add(line); } },
            Delay = (delay, _) => { lock (Delays) { Delays.Add(delay); } return Task.CompletedTask; },
            Jitter = () => 1.0,
            InitialBackoff = TimeSpan.FromMilliseconds(100),
            RequestTimeout = requestTimeout ?? TimeSpan.FromSeconds(10),
            MaxAttempts = maxAttempts,
            MaxRetryWait = maxRetryWait ?? TimeSpan.FromSeconds(60),
            Time = new FixedTime(Now),
        };
        Client = new HerokuClient(options);
    }

    public static readonly DateTimeOffset Now = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public HerokuClient Client { get; }
    public List<TimeSpan> Delays { get; } = [];
    public List<string> Log { get; } = [];

    public void Dispose() => Client.Dispose();

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
