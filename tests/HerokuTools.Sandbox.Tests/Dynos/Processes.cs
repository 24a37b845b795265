namespace HerokuTools.Sandbox.Tests.Dynos;

/// <summary>Looks at processes through /proc.</summary>
internal static class Processes
{
    /// <summary>True while the process exists and is not a zombie.</summary>
    public static bool IsRunning(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..][0] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>Waits for a file the command writes (e.g. a child's pid) and returns its trimmed content.</summary>
    public static async Task<string> WaitForFileAsync(string path)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            if (File.Exists(path) && File.ReadAllText(path).Trim() is { Length: > 0 } content)
            {
                return content;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"{path} was not written.");
    }

    public static async Task<bool> EndsWithinAsync(int pid, TimeSpan time)
    {
        var deadline = DateTime.UtcNow + time;
        while (DateTime.UtcNow < deadline)
        {
            if (!IsRunning(pid))
            {
                return true;
            }

            await Task.Delay(20);
        }

        return !IsRunning(pid);
    }
}
