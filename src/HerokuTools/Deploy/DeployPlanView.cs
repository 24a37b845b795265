using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace HerokuTools.Deploy;

/// <summary>
/// The plan for a terminal: the commits as a table, the changed files as a tree by folder with the files that
/// trigger a step marked, the steps as a numbered table with their reasons. Piped output stays
/// <see cref="DeployRenderer.Plan"/>'s plain lines.
/// </summary>
public static class DeployPlanView
{
    public static IRenderable Build(DeployPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var parts = new List<IRenderable> { new Markup($"[bold]{Markup.Escape(DeployRenderer.Header(plan))}[/]") };
        if (plan.Changeset.IsEmpty)
        {
            parts.Add(new Markup($"[green]{Markup.Escape(DeployRenderer.UpToDate(plan))}[/]"));
            if (plan.UpToDate)
            {
                return new Rows(parts);
            }
        }
        else
        {
            parts.Add(Commits(plan));
            parts.Add(Files(plan));
        }

        if (plan.RemovedCommits.Count > 0)
        {
            parts.Add(Removed(plan));
        }

        parts.Add(Steps(plan));
        foreach (var note in plan.Notes)
        {
            parts.Add(new Markup($"[yellow]note:[/] {Markup.Escape(note)}"));
        }

        return new Rows(parts);
    }

    private static Table Commits(DeployPlan plan)
    {
        var commits = plan.Changeset.Commits;
        var table = new Table().Border(TableBorder.Rounded).Title(DeployRenderer.Count(commits.Count, "commit"))
            .AddColumn("commit").AddColumn("subject").AddColumn("author");
        foreach (var commit in commits.Take(DeployRenderer.MaxCommits))
        {
            table.AddRow(new Text(commit.ShortSha, new Style(Color.Yellow)), new Text(commit.Subject), new Text(commit.AuthorName));
        }

        if (commits.Count > DeployRenderer.MaxCommits)
        {
            table.Caption($"... and {(commits.Count - DeployRenderer.MaxCommits).ToString(CultureInfo.InvariantCulture)} more");
        }

        return table;
    }

    private static Table Removed(DeployPlan plan)
    {
        var table = new Table().Border(TableBorder.Rounded).BorderColor(Color.Red).Title($"[red]{Markup.Escape(DeployRenderer.RemovedTitle(plan))}[/]")
            .AddColumn("commit").AddColumn("subject").AddColumn("author").AddColumn("");
        foreach (var removed in plan.RemovedCommits.Take(DeployRenderer.MaxCommits))
        {
            var c = removed.Commit;
            table.AddRow(new Text(c.ShortSha, new Style(Color.Red)), new Text(c.Subject), new Text(c.AuthorName),
                new Text(removed.Migrations ? "migrations" : "", new Style(Color.Yellow, decoration: Decoration.Bold)));
        }

        if (plan.RemovedCommits.Count > DeployRenderer.MaxCommits)
        {
            table.Caption($"... and {(plan.RemovedCommits.Count - DeployRenderer.MaxCommits).ToString(CultureInfo.InvariantCulture)} more");
        }

        return table;
    }

    private static Tree Files(DeployPlan plan)
    {
        var tree = new Tree(new Text(DeployRenderer.Count(plan.Changeset.Files.Count, "changed file"), new Style(decoration: Decoration.Bold)));
        foreach (var group in DeployRenderer.FileGroups(plan))
        {
            var node = tree.AddNode(new Markup($"[blue]{Markup.Escape(group.Folder)}[/] [grey]({group.Count.ToString(CultureInfo.InvariantCulture)})[/]"));
            foreach (var file in group.Shown)
            {
                var name = Markup.Escape($"{file.Status} {file.Name}");
                node.AddNode(new Markup(file.Mark is null ? name : $"[yellow]{name}[/]  [bold yellow]<- {Markup.Escape(file.Mark)}[/]"));
            }

            if (group.Hidden > 0)
            {
                node.AddNode(new Markup($"[grey]... and {group.Hidden.ToString(CultureInfo.InvariantCulture)} more[/]"));
            }
        }

        return tree;
    }

    private static Table Steps(DeployPlan plan)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("Plan").AddColumn(new TableColumn("#").RightAligned()).AddColumn("step").AddColumn("why");
        var n = 0;
        foreach (var step in plan.Steps)
        {
            n++;
            table.AddRow(new Text(n.ToString(CultureInfo.InvariantCulture)), new Text(step.Title, new Style(decoration: Decoration.Bold)),
                new Text(step.Reason ?? "", new Style(Color.Grey)));
        }

        return table;
    }
}
