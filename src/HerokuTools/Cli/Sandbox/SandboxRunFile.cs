using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace HerokuTools.Cli.Sandbox;

/// <summary>
/// <c>DIR/run.json</c>: written by <c>sandbox up</c> while it runs, read by <c>env</c>, <c>status</c> and <c>down</c>.
/// It holds no secret: the token stays in the state directory's own file, readable by its owner only.
/// </summary>
internal sealed record SandboxRunFile(int Pid, string ApiUrl, string GitUrlTemplate, string CertificatePath, int? PostgresPort, DateTimeOffset StartedAt)
{
    public const string FileName = "run.json";

    public static string PathIn(string directory) => Path.Combine(directory, FileName);

    /// <summary>Written whole or not at all (temp file + rename): a reader never sees half a file.</summary>
    public void Write(string directory)
    {
        var temp = PathIn(directory) + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(this, SandboxRunJson.Default.SandboxRunFile));
        File.Move(temp, PathIn(directory), overwrite: true);
    }

    /// <summary>The run file when a sandbox process from it is still alive; null otherwise.</summary>
    public static SandboxRunFile? ReadLive(string directory)
    {
        var path = PathIn(directory);
        if (!File.Exists(path))
        {
            return null;
        }

        SandboxRunFile? run;
        try
        {
            run = JsonSerializer.Deserialize(File.ReadAllText(path), SandboxRunJson.Default.SandboxRunFile);
        }
        catch (JsonException)
        {
            return null;
        }

        return run is not null && IsAlive(run.Pid) ? run : null;
    }

    public static void Delete(string directory)
    {
        try
        {
            File.Delete(PathIn(directory));
        }
        catch (IOException)
        {
        }
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var p = Process.GetProcessById(pid);
            return !p.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[JsonSerializable(typeof(SandboxRunFile))]
[JsonSerializable(typeof(SandboxStatus))]
internal sealed partial class SandboxRunJson : JsonSerializerContext;

/// <summary>What <c>sandbox status --json</c> reports.</summary>
internal sealed record SandboxStatus(bool Running, string Directory, string? ApiUrl, string? GitUrlTemplate, int? Pid, int? PostgresPort, IReadOnlyList<string> Apps);
