using HerokuTools.Common;

namespace HerokuTools.Tests.Deploy;

/// <summary>The Markdown release note a deploy writes: heading, from -> to, commits, changed files, steps with durations, --note.</summary>
public class DeployReleaseNoteTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    [Fact]
    public async Task The_note_has_the_version_the_commits_from_and_to_a_files_summary_the_step_durations_and_the_note_text()
    {
        using var p = await DeployProject.CreateAsync(sandbox);
        p.Repo.Write("old.py", "gone soon\n");
        p.Repo.Write(".gitignore", "release-notes/\n"); // the notes written by the deploys stay out of the changeset
        var from = p.Repo.Commit("Add old.py");
        (await p.RunAsync("deploy", "dev", "--yes")).ExitCode.ShouldBe(0);
        File.Delete(Path.Combine(p.Repo.Path, "old.py"));
        p.Commit("Drop old.py, change app.py", ("app.py", "print('v2')\n"));
        var to = p.Commit("Add a migration", ("migrations/0002_more.sql", "alter table t add x int;\n"));

        var r = await p.RunAsync("deploy", "dev", "--yes", "--note", "Fixes ticket 42 (the | pipe stays)", "--print-note");

        r.ExitCode.ShouldBe(ExitCodes.Success, r.Error);
        var version = (await p.ReleaseAsync(p.Dev)).Version;
        var relative = Path.Combine("release-notes", "dev", $"v{version}.md");
        r.Out.ShouldContain($"release note: {relative}");
        var note = File.ReadAllText(Path.Combine(p.Repo.Path, relative)).Replace("\r\n", "\n", StringComparison.Ordinal);
        r.Out.Replace("\r\n", "\n", StringComparison.Ordinal).ShouldEndWith(note.TrimEnd() + "\n"); // --print-note: the whole note after the summary
        note.ShouldStartWith($"# dev: {p.Dev} v{version}\n");
        note.ShouldContain($"- **Release:** v{version}\n");
        note.ShouldContain($"- **From -> to:** {from[..7]} -> {to[..7]} (dev)\n");
        note.ShouldContain("- **Outcome:** succeeded\n");
        note.ShouldContain("## Note\n\nFixes ticket 42 (the | pipe stays)\n");
        note.ShouldContain("## Commits (2)\n");
        note.ShouldContain($"- `{to[..7]}` Add a migration (Dev Eloper)\n");
        note.ShouldContain("Drop old.py, change app.py (Dev Eloper)");
        note.ShouldNotContain("Add old.py"); // the baseline itself is not in the deploy
        note.ShouldContain("## Changed files (3)\n\n- added: 1\n- deleted: 1\n- modified: 1\n", customMessage: note);
        note.ShouldContain("- `migrations/0002_more.sql` (migrate)\n");
        note.ShouldMatch(@"\| maintenance on \| succeeded \| \d+\.\d s \|");
        note.ShouldMatch(@"\| push dev \([0-9a-f]{7}\) to [^|]+ \| succeeded \| \d+\.\d s \|");
        note.ShouldMatch(@"\| run: sh bin/migrate \| succeeded \| \d+\.\d s \|");
        note.ShouldMatch(@"\| maintenance off \| succeeded \| \d+\.\d s \|");
        note.ShouldMatch(@"- \*\*When:\*\* \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC \(\d+\.\d s\)");

        p.Commit("One more", ("app.py", "print('v3')\n"));
        var quiet = await p.RunAsync("deploy", "dev", "--yes");
        quiet.ExitCode.ShouldBe(ExitCodes.Success, quiet.Error);
        quiet.Out.ShouldNotContain("## Commits"); // without --print-note only the path
    }
}
