using System.CommandLine;
using HerokuTools.Common;
using HerokuTools.Git;
using HerokuTools.Workflow;

namespace HerokuTools.Cli.Init;

/// <summary><c>heroku-tools init</c>: writes a commented starter heroku-tools.yml, filled in from the repository.</summary>
internal static class InitCommand
{
    public static Command Create(CommandContext context)
    {
        var command = new Command("init", "Write a commented starter heroku-tools.yml (from the repository's branches and Heroku git remotes)");
        context.SetAction(command, RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(Invocation inv)
    {
        IGit? git = GitCli.FindOnPath("git", inv.Host.GetEnv("PATH")) is null ? null : new GitCli(inv.Host.WorkingDirectory, inv.Host.Environment);
        var path = await WorkflowFile.PlaceForNewAsync(inv.Settings.ConfigPath, inv.Host.WorkingDirectory, git, inv.Cancellation).ConfigureAwait(false);
        if (File.Exists(path))
        {
            throw new ToolException($"{path} already exists; not overwriting it (edit it, or remove it first)");
        }

        var facts = git is null
            ? new RepositoryFacts([], [])
            : await RepositoryFacts.ReadAsync(new GitRepository(git), inv.Cancellation).ConfigureAwait(false);
        var project = Path.GetFileName(Path.GetDirectoryName(path)!.TrimEnd('/'));
        var text = StarterWorkflow.Render(facts, project);

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await using (var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write))
        await using (var writer = new StreamWriter(stream))
        {
            await writer.WriteAsync(text.AsMemory(), inv.Cancellation).ConfigureAwait(false);
        }

        inv.Reporter.Line($"wrote {Path.GetRelativePath(inv.Host.WorkingDirectory, path)}");
        foreach (var hint in StarterWorkflow.Hints(facts))
        {
            inv.Reporter.Note(hint);
        }

        return ExitCodes.Success;
    }
}
