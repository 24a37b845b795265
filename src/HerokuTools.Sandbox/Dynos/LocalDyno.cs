using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;

namespace HerokuTools.Sandbox.Dynos;

/// <summary>A dyno run as a local process; attached ones through a rendezvous connection.</summary>
internal sealed class LocalDyno : DynoSession
{
    private const int ChunkSize = 64 * 1024;
    private static readonly TimeSpan DrainAfterExit = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan ClientHangUpTimeout = TimeSpan.FromSeconds(2);

    private readonly RendezvousTicket? _ticket;
    private readonly DynoRunnerOptions _options;
    private readonly DynoOutput _output;
    private readonly TaskCompletionSource<int> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _lock = new();
    private volatile string _state = DynoStates.Starting;
    private DynoProcess? _process;
    private bool _stopRequested;
    private long _bytesSent;
    private int _clientGone;

    [SetsRequiredMembers]
    public LocalDyno(DynoSpec spec, RendezvousTicket? ticket, DynoRunnerOptions options)
    {
        Spec = spec;
        AttachUrl = ticket?.Url;
        _ticket = ticket;
        _options = options;
        var log = options.LogLine;
        _output = new DynoOutput(options.OutputLimit, ticket is null && log is not null ? line => log(spec, line) : null);
    }

    /// <summary>Fault hook: the rendezvous connection is reset after this many bytes of output.</summary>
    public long? DropAfterBytes { get; init; }

    public override string State => _state;

    public override Task<int> Completion => _completion.Task;

    public override string Output => _output.ToString();

    /// <summary>Runs the dyno in the background; <see cref="Completion"/> reports the end.</summary>
    public void Begin() => _ = Task.Run(RunAsync);

    public override async Task StopAsync()
    {
        DynoProcess? process;
        lock (_lock)
        {
            _stopRequested = true;
            process = _process;
        }

        _ticket?.Cancel();
        if (process is not null && !process.Exited.IsCompleted)
        {
            process.Signal(ProcessGroup.SigTerm);
            var exited = await Task.WhenAny(process.Exited, Task.Delay(_options.StopGracePeriod));
            if (exited != process.Exited)
            {
                process.Signal(ProcessGroup.SigKill);
            }
        }

        await Completion;
    }

    private async Task RunAsync()
    {
        try
        {
            var status = _ticket is null ? await RunDetachedAsync() : await RunAttachedAsync(_ticket);
            Finish(status);
        }
        catch (Exception e)
        {
            _output.AppendNote($"Error: the sandbox could not run the dyno: {e.Message}");
            Finish(DynoExitStatus.FailedToStart);
        }
        finally
        {
            _ticket?.Dispose();
            _process?.Dispose();
        }
    }

    private void Finish(int status)
    {
        _output.Complete();
        _state = status == 0 ? DynoStates.Complete : DynoStates.Crashed;
        _completion.TrySetResult(status);
    }

    private async Task<int> RunDetachedAsync()
    {
        var process = TryStartProcess();
        if (process is null)
        {
            return _stopRequested ? DynoExitStatus.StoppedBeforeStart : DynoExitStatus.FailedToStart;
        }

        var pumps = PumpOutputAsync(process, Capture);
        process.Input.Dispose();
        return await EndAsync(process, pumps);
    }

    private async Task<int> RunAttachedAsync(RendezvousTicket ticket)
    {
        RendezvousConnection connection;
        try
        {
            connection = await ticket.Connection;
        }
        catch (TimeoutException)
        {
            _output.AppendNote("Error R13 (Attach error) -> Failed to attach to process");
            return DynoExitStatus.AttachTimedOut;
        }
        catch (OperationCanceledException)
        {
            return DynoExitStatus.StoppedBeforeStart;
        }

        var process = TryStartProcess();
        if (process is null)
        {
            await connection.CloseAsync(Task.CompletedTask, TimeSpan.Zero);
            return _stopRequested ? DynoExitStatus.StoppedBeforeStart : DynoExitStatus.FailedToStart;
        }

        var input = PumpInputAsync(connection, process);
        var pumps = PumpOutputAsync(process, chunk => SendAsync(connection, process, chunk));
        var status = await EndAsync(process, pumps);
        await connection.CloseAsync(input, ClientHangUpTimeout);
        return status;
    }

    private DynoProcess? TryStartProcess()
    {
        lock (_lock)
        {
            if (_stopRequested)
            {
                return null;
            }

            // "up" before the command can run: it may act (write a file, print) before Start returns.
            _state = DynoStates.Up;
            try
            {
                _process = DynoProcess.Start(Spec);
            }
            catch (Exception e) when (e is Win32Exception or FileNotFoundException or DirectoryNotFoundException
                                          or InvalidOperationException)
            {
                _state = DynoStates.Starting;
                _output.AppendNote($"Error: could not start `{Spec.Command}`: {e.Message}");
                return null;
            }

            return _process;
        }
    }

    /// <summary>Waits for the command, lets its output drain, then kills whatever it left running.</summary>
    private static async Task<int> EndAsync(DynoProcess process, Task pumps)
    {
        var status = await process.Exited;
        await Quietly(pumps.WaitAsync(DrainAfterExit));
        process.Signal(ProcessGroup.SigKill);
        await Quietly(pumps.WaitAsync(DrainAfterExit));
        return status;
    }

    private static async Task Quietly(Task task)
    {
        try
        {
            await task;
        }
        catch (TimeoutException)
        {
            // Something still holds the pipe open; the dyno is over regardless.
        }
    }

    /// <summary>
    /// The stderr pipe ends as soon as the command's shell has merged stderr into stdout, so reading it first and
    /// stdout after keeps one writer at a time.
    /// </summary>
    private static async Task PumpOutputAsync(DynoProcess process, Func<ReadOnlyMemory<byte>, ValueTask> sink)
    {
        await PumpAsync(process.EarlyErrors, sink);
        await PumpAsync(process.Output, sink);
    }

    private static async Task PumpAsync(Stream source, Func<ReadOnlyMemory<byte>, ValueTask> sink)
    {
        var buffer = new byte[ChunkSize];
        try
        {
            int read;
            while ((read = await source.ReadAsync(buffer)) > 0)
            {
                await sink(buffer.AsMemory(0, read));
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The pipe is gone with the process.
        }
    }

    private ValueTask Capture(ReadOnlyMemory<byte> chunk)
    {
        _output.Append(chunk.Span);
        return ValueTask.CompletedTask;
    }

    private async ValueTask SendAsync(RendezvousConnection connection, DynoProcess process, ReadOnlyMemory<byte> chunk)
    {
        _output.Append(chunk.Span);
        try
        {
            if (Volatile.Read(ref _clientGone) != 0)
            {
                return;
            }

            var dropAt = DropAfterBytes - _bytesSent;
            if (dropAt is { } left && left <= chunk.Length)
            {
                await connection.Stream.WriteAsync(chunk[..(int)left]);
                await connection.Stream.FlushAsync();
                connection.Abort();
                ClientGone(process);
                return;
            }

            await connection.Stream.WriteAsync(chunk);
            await connection.Stream.FlushAsync();
            _bytesSent += chunk.Length;
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            ClientGone(process);
        }
    }

    /// <summary>The client hung up (or the connection was dropped): like a terminal hang-up, the dyno stops.</summary>
    private void ClientGone(DynoProcess process)
    {
        if (Interlocked.Exchange(ref _clientGone, 1) == 0 && !process.Exited.IsCompleted)
        {
            _ = StopAsync();
        }
    }

    /// <summary>
    /// Client input to the command's stdin. As on a terminal, Ctrl-D (0x04) ends the input and Ctrl-C (0x03)
    /// interrupts; the heroku CLI sends 0x04 when its own stdin ends. A half-close by the client also ends the input.
    /// Reads on until the client hangs up, so closing the connection later does not reset it.
    /// </summary>
    private static async Task PumpInputAsync(RendezvousConnection connection, DynoProcess process)
    {
        var buffer = new byte[ChunkSize];
        var stdin = process.Input;
        var open = true;
        try
        {
            int read;
            while ((read = await connection.Stream.ReadAsync(buffer)) > 0)
            {
                var start = 0;
                for (var i = 0; i < read && open; i++)
                {
                    if (buffer[i] is not (0x03 or 0x04))
                    {
                        continue;
                    }

                    open = await WriteInputAsync(stdin, buffer.AsMemory(start, i - start));
                    start = i + 1;
                    if (buffer[i] == 0x03)
                    {
                        await process.WhenCommandRunsAsync();
                        process.Signal(ProcessGroup.SigInt);
                    }
                    else
                    {
                        open = false;
                        CloseInput(stdin);
                    }
                }

                if (open)
                {
                    open = await WriteInputAsync(stdin, buffer.AsMemory(start, read - start));
                }
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The client is gone.
        }
        finally
        {
            CloseInput(stdin);
        }
    }

    private static async Task<bool> WriteInputAsync(Stream stdin, ReadOnlyMemory<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return true;
        }

        try
        {
            await stdin.WriteAsync(bytes);
            await stdin.FlushAsync();
            return true;
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            return false;
        }
    }

    private static void CloseInput(Stream stdin)
    {
        try
        {
            stdin.Dispose();
        }
        catch (IOException)
        {
            // The command stopped reading; nothing to close cleanly.
        }
    }
}
