namespace HerokuTools.ConfigVars;

/// <summary>Where one project's config files are: <c>DIR/common.yml</c> and <c>DIR/ENV.yml</c>.</summary>
public sealed class ConfigFiles(string directory, Func<string, string> display)
{
    public const string Extension = ".yml";

    /// <summary>The folder, as a full path.</summary>
    public string Directory { get; } = directory;

    public string CommonPath => Path.Combine(Directory, ConfigVarsSettings.Common + Extension);

    public string EnvironmentPath(string label) => Path.Combine(Directory, label + Extension);

    /// <summary>A path as the user would write it (relative to the working directory).</summary>
    public string Display(string path) => display(path);
}
