using System.CommandLine;
using System.Text.Json;
using HerokuTools.Common;
using HerokuTools.Deploy;
using HerokuTools.Output;
using HerokuTools.Workflow;

namespace HerokuTools.Cli.Check;

/// <summary><c>heroku-tools check</c>: validates heroku-tools.yml without touching Heroku (for CI and editors).</summary>
internal static class CheckCommand
{
    public static Command Create(CommandContext context)
    {
        var command = new Command("check", "Validate heroku-tools.yml without touching Heroku; every problem as file:line:col (exit 2 when any; 1 when a deploy.notify variable is unset)");
        context.SetAction(command, RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(Invocation inv)
    {
        WorkflowConfig workflow;
        try
        {
            workflow = await inv.LoadWorkflowAsync();
        }
        catch (WorkflowException e) when (inv.Settings.Json)
        {
            var problems = e.Diagnostics.Select(d => new CheckProblem(d.Path, d.Line, d.Column, d.Message)).ToList();
            inv.Reporter.Json(JsonSerializer.Serialize(new CheckResult(false, e.Diagnostics[0].Path, [], problems, []), CliJson.Default.CheckResult));
            return e.ExitCode;
        }

        // Warnings: accepted, but probably wrong. The file's own (e.g. an app name Heroku refuses, which the original
        // format used) leave the exit code alone; a webhook a deploy could not notify from here makes it 1, as
        // 'config check' does for a file no environment reads.
        var unsetTargets = DeployNotifier.UnsetTargets(workflow.Deploy.Notify, inv.Host.GetEnv);
        var warnings = workflow.Warnings.Select(w => w.ToWarningString()).Concat(unsetTargets.Select(w => "warning: " + w)).ToList();
        var exitCode = unsetTargets.Count == 0 ? ExitCodes.Success : ExitCodes.Failure;
        var path = inv.DisplayPath(workflow.SourcePath);
        if (inv.Settings.Json)
        {
            var envs = workflow.Environments.Select(e => new CheckEnvironment(e.Label, e.AppName, e.Branch, e.Protected, e.PromoteFrom)).ToList();
            inv.Reporter.Json(JsonSerializer.Serialize(new CheckResult(true, path, envs, [], warnings), CliJson.Default.CheckResult));
            return exitCode;
        }

        foreach (var warning in warnings)
        {
            inv.Reporter.Note(warning);
        }

        inv.Reporter.Line(warnings.Count == 0 ? $"{path}: ok" : $"{path}: ok, {warnings.Count} warning{(warnings.Count == 1 ? "" : "s")}");
        foreach (var e in workflow.Environments)
        {
            var how = e.PromoteFrom is null ? $"branch {e.Branch}" : $"promoted from {e.PromoteFrom}";
            var flags = e.Protected ? ", protected" : "";
            inv.Reporter.Line($"  {e.Label,-8} app {e.AppName}, {how}{flags}");
        }

        inv.Reporter.Line($"  code moves up:   {string.Join(" -> ", workflow.Environments.Reverse().Select(e => e.Label))}");
        inv.Reporter.Line($"  data moves down: {string.Join(" -> ", workflow.Environments.Select(e => e.Label))}");
        return exitCode;
    }
}

internal sealed record CheckResult(bool Ok, string Path, IReadOnlyList<CheckEnvironment> Environments, IReadOnlyList<CheckProblem> Problems, IReadOnlyList<string> Warnings);

internal sealed record CheckEnvironment(string Label, string AppName, string Branch, bool Protected, string? PromoteFrom);

internal sealed record CheckProblem(string Path, int Line, int Column, string Message);
