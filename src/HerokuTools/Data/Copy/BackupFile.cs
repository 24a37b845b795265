using HerokuTools.Common;

namespace HerokuTools.Data.Copy;

/// <summary>The <c>--backup FILE</c> dump holds the target's data: it is created new (never over an existing file)
/// and readable by its owner only (0600) before pg_dump writes into it.</summary>
public static class BackupFile
{
    /// <exception cref="ToolException">The file exists (exit 2).</exception>
    public static void RefuseExisting(string path)
    {
        if (File.Exists(path) || Directory.Exists(path))
        {
            throw new ToolException(Exists(path), ExitCodes.Usage);
        }
    }

    /// <summary>Creates the empty file, owner read/write only; pg_dump then writes into it (keeping the mode).</summary>
    /// <exception cref="ToolException">The file exists (exit 2) or cannot be created.</exception>
    public static void CreatePrivate(string path)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using var created = new FileStream(path, options);
        }
        catch (IOException) when (File.Exists(path))
        {
            throw new ToolException(Exists(path), ExitCodes.Usage);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ToolException($"cannot create the backup file {path}: {e.Message}", ExitCodes.Usage);
        }
    }

    private static string Exists(string path) =>
        $"the backup file {path} already exists; remove it or pick another name (a backup never overwrites a file)";
}
