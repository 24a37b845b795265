using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace HerokuTools.Sandbox.Git;

/// <summary>
/// The sandbox's end of one push's pre-receive hook (<see cref="PreReceiveHook"/>): a loopback listener for a single
/// hook connection that proves itself with a nonce. Lines back to the hook are <c>&gt; TEXT</c>, then
/// <c>status N</c> (the hook's exit status). Cancelling <see cref="RunAsync"/> (the push's request ended) stops
/// waiting for a hook that never came and drops a hung one.
/// </summary>
internal sealed class PushSession : IDisposable
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);
    private readonly TcpListener _listener;
    private readonly string _nonce = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));

    private PushSession()
    {
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start(backlog: 4);
    }

    public static PushSession Start() => new();

    /// <summary>The value of HEROKU_SANDBOX_PUSH for the hook: <c>PORT:NONCE</c>.</summary>
    public string EnvironmentValue => $"{((IPEndPoint)_listener.LocalEndpoint).Port}:{_nonce}";

    /// <summary>Waits for the hook, hands its request to <paramref name="handle"/> (which returns the exit status)
    /// and reports the status back. Returns whether a hook came.</summary>
    public async Task<bool> RunAsync(Func<HookRequest, IPushOutput, CancellationToken, Task<int>> handle, CancellationToken cancellation)
    {
        while (true)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(cancellation);
            }
            catch (OperationCanceledException)
            {
                return false;
            }

            using (socket)
            await using (var stream = new NetworkStream(socket, ownsSocket: false))
            {
                var request = await ReadRequestAsync(stream, cancellation);
                if (request is null)
                {
                    continue; // not our hook (wrong nonce) or a broken request: wait for the real one
                }

                using var output = new HookOutput(stream);
                var status = 1;
                try
                {
                    status = await handle(request, output, cancellation);
                }
                finally
                {
                    await output.WriteRawAsync($"status {status}\n", CancellationToken.None);
                }

                return true;
            }
        }
    }

    private async Task<HookRequest?> ReadRequestAsync(NetworkStream stream, CancellationToken cancellation)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        timeout.CancelAfter(RequestTimeout);
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, leaveOpen: true);
        string objects = "", alternates = "", quarantine = "";
        var updates = new List<RefUpdate>();
        try
        {
            var first = await reader.ReadLineAsync(timeout.Token);
            if (first is null || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(first), Encoding.UTF8.GetBytes("nonce " + _nonce)))
            {
                return null;
            }

            while (await reader.ReadLineAsync(timeout.Token) is { } line)
            {
                var (key, value) = line.IndexOf(' ', StringComparison.Ordinal) is var i and >= 0 ? (line[..i], line[(i + 1)..]) : (line, "");
                switch (key)
                {
                    case "end":
                        return new HookRequest(updates, objects, alternates, quarantine);
                    case "objects":
                        objects = value;
                        break;
                    case "alternates":
                        alternates = value;
                        break;
                    case "quarantine":
                        quarantine = value;
                        break;
                    case "ref" when value.Split(' ') is [var oldSha, var newSha, var name]:
                        updates.Add(new RefUpdate(oldSha, newSha, name));
                        break;
                    default:
                        return null;
                }
            }

            return null;
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            cancellation.ThrowIfCancellationRequested();
            return null;
        }
    }

    public void Dispose() => _listener.Stop();

    private sealed class HookOutput(NetworkStream stream) : IPushOutput, IDisposable
    {
        private readonly SemaphoreSlim _lock = new(1, 1);

        public async ValueTask WriteLineAsync(string line)
        {
            var text = new StringBuilder();
            foreach (var part in line.Split('\n'))
            {
                text.Append("> ").Append(part.TrimEnd('\r')).Append('\n');
            }

            await WriteRawAsync(text.ToString(), CancellationToken.None);
        }

        public void Dispose() => _lock.Dispose();

        public async Task WriteRawAsync(string text, CancellationToken cancellation)
        {
            await _lock.WaitAsync(cancellation);
            try
            {
                await stream.WriteAsync(Encoding.UTF8.GetBytes(text), cancellation);
                await stream.FlushAsync(cancellation);
            }
            catch (IOException)
            {
                // The hook is gone (push killed): the build goes on without a terminal.
            }
            finally
            {
                _lock.Release();
            }
        }
    }
}
