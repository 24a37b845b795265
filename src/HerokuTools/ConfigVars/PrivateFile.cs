using System.Text;

namespace HerokuTools.ConfigVars;

/// <summary>
/// Writes a file that holds secrets (a config file with values pulled from an app): readable and writable by its
/// owner only (0600). An existing file keeps its mode when that is stricter (0400 stays 0400) and loses any group or
/// other bits (0644 becomes 0600). The text goes to a temporary file created with that mode, then replaces the file
/// in one rename, so no reader ever sees the secrets under a looser mode or a half-written file.
/// </summary>
internal static class PrivateFile
{
    public const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static async Task WriteAsync(string path, string text, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(text);
        path = Target(path);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        if (OperatingSystem.IsWindows())
        {
            await File.WriteAllTextAsync(path, text, Utf8, cancellation);
            return;
        }

        var mode = File.Exists(path) ? File.GetUnixFileMode(path) & OwnerOnly : OwnerOnly;
        var temp = Path.Combine(directory, $".{Path.GetFileName(path)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            var options = new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                Share = FileShare.None,
                UnixCreateMode = OwnerOnly,
            };
            await using (var stream = new FileStream(temp, options))
            {
                var bytes = Utf8.GetBytes(text);
                await stream.WriteAsync(bytes, cancellation);
                await stream.FlushAsync(cancellation);
            }

            // The create mode is filtered by the umask; set the wanted mode exactly (it may be stricter than 0600).
            File.SetUnixFileMode(temp, mode);
            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    /// <summary>The file a symbolic link points to (so the link stays and its target is written), else the path itself.</summary>
    private static string Target(string path)
    {
        var info = new FileInfo(path);
        return info.LinkTarget is not null && info.ResolveLinkTarget(returnFinalTarget: true) is { } target ? target.FullName : path;
    }
}
