using System.Diagnostics;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace HerokuTools.Sandbox.Git;

/// <summary>
/// Runs <c>git http-backend</c> as a CGI program for one request: the request body streams into it, its response
/// (CGI headers, then the body) streams out; nothing is buffered whole. The process is killed when the client goes.
/// </summary>
internal static class GitHttpBackend
{
    private const int BufferSize = 64 * 1024;

    public static async Task RunAsync(
        HttpContext context, string projectRoot, string pathInfo, string remoteUser, IReadOnlyDictionary<string, string> extraEnvironment)
    {
        var request = context.Request;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = null; // packs can be large
        }

        var env = new Dictionary<string, string>(extraEnvironment, StringComparer.Ordinal)
        {
            ["GIT_PROJECT_ROOT"] = projectRoot,
            ["GIT_HTTP_EXPORT_ALL"] = "1",
            ["PATH_INFO"] = pathInfo,
            ["REQUEST_METHOD"] = request.Method,
            ["QUERY_STRING"] = request.QueryString.HasValue ? request.QueryString.Value![1..] : "",
            ["REMOTE_USER"] = remoteUser,
            ["REMOTE_ADDR"] = context.Connection.RemoteIpAddress?.ToString() ?? "127.0.0.1",
            ["CONTENT_TYPE"] = request.ContentType ?? "",
            ["SERVER_PROTOCOL"] = request.Protocol,
        };
        if (request.ContentLength is { } length)
        {
            env["CONTENT_LENGTH"] = length.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (request.Headers.ContentEncoding.ToString() is { Length: > 0 } encoding)
        {
            env["HTTP_CONTENT_ENCODING"] = encoding;
        }

        if (request.Headers["Git-Protocol"].ToString() is { Length: > 0 } protocol)
        {
            env["GIT_PROTOCOL"] = protocol;
            env["HTTP_GIT_PROTOCOL"] = protocol;
        }

        var aborted = context.RequestAborted;
        using var process = Process.Start(GitProcess.StartInfo(["http-backend"], env))
            ?? throw new InvalidOperationException("git http-backend could not be started.");
        using var kill = aborted.Register(() => GitProcess.Kill(process));
        try
        {
            var input = CopyRequestAsync(request.Body, process.StandardInput.BaseStream, aborted);
            var errors = process.StandardError.ReadToEndAsync(CancellationToken.None);
            await CopyResponseAsync(process.StandardOutput.BaseStream, context.Response, aborted);
            await input;
            await process.WaitForExitAsync(aborted);
            _ = await errors;
        }
        catch
        {
            GitProcess.Kill(process);
            throw;
        }
    }

    private static async Task CopyRequestAsync(Stream body, Stream stdin, CancellationToken cancellation)
    {
        try
        {
            await body.CopyToAsync(stdin, BufferSize, cancellation);
        }
        catch (IOException)
        {
            // http-backend stopped reading (it answered with an error): its response says why.
        }
        finally
        {
            try
            {
                await stdin.DisposeAsync();
            }
            catch (IOException)
            {
            }
        }
    }

    private static async Task CopyResponseAsync(Stream stdout, HttpResponse response, CancellationToken cancellation)
    {
        var buffer = new byte[BufferSize];
        var filled = 0;
        var headerEnd = -1;
        var bodyStart = 0;
        while (headerEnd < 0)
        {
            if (filled == buffer.Length)
            {
                throw new InvalidOperationException("git http-backend sent oversized CGI headers.");
            }

            var read = await stdout.ReadAsync(buffer.AsMemory(filled), cancellation);
            if (read == 0)
            {
                response.StatusCode = StatusCodes.Status500InternalServerError;
                return;
            }

            filled += read;
            (headerEnd, bodyStart) = FindHeaderEnd(buffer.AsSpan(0, filled));
        }

        ApplyHeaders(Encoding.ASCII.GetString(buffer, 0, headerEnd), response);
        await response.StartAsync(cancellation);
        if (filled > bodyStart)
        {
            await response.Body.WriteAsync(buffer.AsMemory(bodyStart, filled - bodyStart), cancellation);
            await response.Body.FlushAsync(cancellation);
        }

        int n;
        while ((n = await stdout.ReadAsync(buffer, cancellation)) > 0)
        {
            await response.Body.WriteAsync(buffer.AsMemory(0, n), cancellation);
            await response.Body.FlushAsync(cancellation); // progress and remote: lines reach git as they come
        }
    }

    private static (int HeaderEnd, int BodyStart) FindHeaderEnd(ReadOnlySpan<byte> data)
    {
        for (var i = 0; i < data.Length; i++)
        {
            if (data[i] != '\n')
            {
                continue;
            }

            if (i + 1 < data.Length && data[i + 1] == '\n')
            {
                return (i, i + 2);
            }

            if (i + 2 < data.Length && data[i + 1] == '\r' && data[i + 2] == '\n')
            {
                return (i, i + 3);
            }
        }

        return (-1, 0);
    }

    private static void ApplyHeaders(string headers, HttpResponse response)
    {
        foreach (var raw in headers.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }

            var name = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            if (name.Equals("Status", StringComparison.OrdinalIgnoreCase))
            {
                var code = value.Split(' ', 2)[0];
                response.StatusCode = int.TryParse(code, System.Globalization.CultureInfo.InvariantCulture, out var status) ? status : 500;
            }
            else
            {
                response.Headers.Append(name, value);
            }
        }
    }
}
