using System.Text.Json;

namespace HerokuTools.Sandbox.State;

/// <summary>Reads and atomically writes state.json (temp file + rename) in the state directory.</summary>
internal sealed class StateFile(string directory)
{
    public string Path { get; } = System.IO.Path.Combine(directory, "state.json");

    public StateData Load()
    {
        if (!File.Exists(Path))
        {
            return new StateData();
        }

        using var stream = File.OpenRead(Path);
        return JsonSerializer.Deserialize(stream, StateJsonContext.Default.StateData) ?? new StateData();
    }

    public void Save(StateData data)
    {
        var temp = Path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
        {
            JsonSerializer.Serialize(stream, data, StateJsonContext.Default.StateData);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temp, Path, overwrite: true);
    }
}
