using JugendLab.Orchestrator.Configuration;
using JugendLab.Orchestrator.Deployments;
using JugendLab.Orchestrator.Projects;
using JugendLab.Orchestrator.Showcase;
using JugendLab.Orchestrator.State;
using JugendLab.Orchestrator.Teams;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace JugendLab.Tests.Showcase;

/// <summary>
/// A remix carries its attribution: the copy's first commit (real git, real bare repositories) and its showcase entry
/// (real SQLite with the real migrations) name the original and its team, and the credit outlives the original.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // file modes, as the platform itself (Linux only)
public sealed class RemixCopyTests : IAsyncLifetime
{
    private readonly string _data = Directory.CreateTempSubdirectory("jl-remix-test-").FullName;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 2, 15, 0, 0, TimeSpan.Zero));
    private string _original = null!;
    private string _copy = null!;
    private string _liveCommit = null!;

    public async Task InitializeAsync()
    {
        // The original: two commits by a youth, the second one live (the tree has an executable file and a folder).
        _original = Path.Combine(_data, "original.git");
        await GitProcess.RunAsync(null, null, default, "init", "--quiet", "--bare", _original);
        var work = Directory.CreateDirectory(Path.Combine(_data, "work")).FullName;
        await GitProcess.RunAsync(work, null, default, "init", "--quiet", "-b", "main");
        await File.WriteAllTextAsync(Path.Combine(work, "index.html"), "<h1>Erste Version</h1>\n");
        await Commit(work, "erste Version");
        await File.WriteAllTextAsync(Path.Combine(work, "index.html"), "<h1>Kiez-Quiz</h1>\n");
        Directory.CreateDirectory(Path.Combine(work, "bin"));
        await File.WriteAllTextAsync(Path.Combine(work, "bin", "start.sh"), "#!/bin/sh\necho los\n");
        File.SetUnixFileMode(Path.Combine(work, "bin", "start.sh"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        await Commit(work, "zweite Version");
        await GitProcess.RunAsync(work, null, default, "push", "--quiet", _original, "main");
        _liveCommit = await GitProcess.RunAsync(work, null, default, "rev-parse", "HEAD");

        var repositories = new ProjectRepositories(Options.Create(new OrchestratorOptions { DataDirectory = _data }));
        _copy = await repositories.CreateAsync("spatzen", "quiz-remix", default);
    }

    [Fact]
    public async Task TheCopy_HasExactlyOneCommit_ByThePlatform_NamingTheOriginal_WithTheLiveFiles_AndNoneOfTheOriginalsHistory()
    {
        var tree = (await StarterSeeder.TreeOfAsync(_original, _liveCommit, default))!;
        var message = "Remix von «Kiez-Quiz» (Projekt kiez-quiz von Team kiez)\n\nRemix of \"Kiez-Quiz\" (project kiez-quiz by team kiez)";

        var commit = await new StarterSeeder(_time).SeedCopyAsync(_copy, "main", _original, tree, message, default);

        Assert.Equal(commit, await Git(_copy, "rev-parse", "refs/heads/main"));
        Assert.Equal(commit, await Git(_copy, "rev-list", "--all"));
        Assert.Equal($"JugendLab <jugendlab@localhost> {_time.GetUtcNow().ToUnixTimeSeconds()}", await Git(_copy, "log", "-1", "--format=%an <%ae> %at"));
        Assert.Equal(message, await Git(_copy, "log", "-1", "--format=%B"));
        Assert.Equal(await Git(_original, "ls-tree", "-r", _liveCommit), await Git(_copy, "ls-tree", "-r", commit)); // modes too
        // The youth's commits, with their names and e-mail addresses, were never copied, not even as loose objects.
        await Assert.ThrowsAnyAsync<Exception>(() => Git(_copy, "cat-file", "-e", _liveCommit));
        await Assert.ThrowsAnyAsync<Exception>(() => Git(_copy, "cat-file", "-e", $"{_liveCommit}~1"));
        Assert.DoesNotContain("mia@", await Git(_copy, "log", "--all", "--format=%ae %ce"));
        Assert.False(File.Exists(Path.Combine(_copy, "FETCH_HEAD")));
    }

    [Fact]
    public async Task CopyingRunsNoHookOfTheNewRepository()
    {
        var marker = Path.Combine(_data, "hook-ran");
        foreach (var name in new[] { "pre-receive", "update", "post-receive", "reference-transaction", "post-checkout" })
        {
            var hook = Path.Combine(_copy, "hooks", name);
            await File.WriteAllTextAsync(hook, $"#!/bin/sh\ntouch '{marker}'\nexit 1\n");
            File.SetUnixFileMode(hook, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        var tree = (await StarterSeeder.TreeOfAsync(_original, _liveCommit, default))!;

        await new StarterSeeder(_time).SeedCopyAsync(_copy, "main", _original, tree, "Remix", default);

        Assert.False(File.Exists(marker));
        Assert.NotEmpty(await Git(_copy, "rev-parse", "refs/heads/main"));
    }

    [Fact]
    public async Task ACommitTheOriginalDoesNotHave_HasNoTree() =>
        Assert.Null(await StarterSeeder.TreeOfAsync(_original, new string('a', 40), default));

    [Fact]
    public async Task TheCredit_OutlivesTheOriginal_TheLinkGoes_TheTitleAndTeamStay()
    {
        var file = Path.Combine(_data, "state.db");
        int copyId, originalId;
        await using (var db = Db(file))
        {
            await db.Database.MigrateAsync();
            var kiez = new Team("kiez", Quota.Default, _time.GetUtcNow());
            var spatzen = new Team("spatzen", Quota.Default, _time.GetUtcNow());
            var original = new Project(kiez, "kiez-quiz", null, "main", 256, 0.5, _time.GetUtcNow());
            var copy = new Project(spatzen, "quiz-remix", null, "main", 256, 0.5, _time.GetUtcNow());
            db.AddRange(kiez, spatzen, original, copy);
            var shown = new ShowcaseEntry(original);
            shown.Change(true, "Kiez-Quiz", null, allowRemix: true, "ben", _time.GetUtcNow());
            db.ShowcaseEntries.AddRange(shown, ShowcaseEntry.ForRemix(copy, shown, "mia", _time.GetUtcNow()));
            await db.SaveChangesAsync();
            (copyId, originalId) = (copy.Id, original.Id);
        }
        await using (var db = Db(file))
            Assert.Equal(originalId, (await db.ShowcaseEntries.SingleAsync(e => e.ProjectId == copyId)).OriginalProjectId);

        await using (var db = Db(file)) // as ProjectDeletion does: only the original is loaded
        {
            db.Projects.Remove(await db.Projects.SingleAsync(p => p.Id == originalId));
            await db.SaveChangesAsync();
        }

        await using (var db = Db(file))
        {
            var credit = await db.ShowcaseEntries.SingleAsync(e => e.ProjectId == copyId);
            Assert.Null(credit.OriginalProjectId);
            Assert.Equal(("Kiez-Quiz", "kiez"), (credit.OriginalTitle, credit.OriginalTeam));
            Assert.True(credit.IsRemix);
        }
    }

    private static JugendLabDb Db(string file) => new(new DbContextOptionsBuilder<JugendLabDb>().UseSqlite($"Data Source={file}").Options);

    private static readonly Dictionary<string, string> Youth = new()
    {
        ["GIT_AUTHOR_NAME"] = "Mia Muster", ["GIT_AUTHOR_EMAIL"] = "mia@example.org",
        ["GIT_COMMITTER_NAME"] = "Mia Muster", ["GIT_COMMITTER_EMAIL"] = "mia@example.org",
    };

    private static async Task Commit(string work, string message)
    {
        await GitProcess.RunAsync(work, null, default, "add", "-A");
        await GitProcess.RunAsync(work, Youth, default, "commit", "--quiet", "-m", message);
    }

    private static Task<string> Git(string repository, params string[] args) =>
        GitProcess.RunAsync(null, null, default, [$"--git-dir={repository}", .. args]);

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_data, recursive: true);
        return Task.CompletedTask;
    }
}
