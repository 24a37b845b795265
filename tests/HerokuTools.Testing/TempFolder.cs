namespace HerokuTools.Testing;

/// <summary>Folders under /tmp (short paths for Unix sockets, reachable by the <c>postgres</c> user when we are root).</summary>
public static class TempFolder
{
    public static string NewPath(string prefix) =>
        Path.Combine(Path.GetTempPath(), $"{prefix}-{Guid.NewGuid().ToString("N")[..10]}");

    public static void Delete(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }
        catch (IOException)
        {
            // Best effort: a temp folder left behind is no test failure.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
