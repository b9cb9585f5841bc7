using System.Security.Cryptography;
using System.Text;

namespace JugendLab.Tests.Git;

/// <summary>Cloning and fetching through GitHttpBackend with the real git client.</summary>
public sealed class GitHttpBackendFetchTests : IAsyncLifetime
{
    private GitTestServer _server = null!;

    public async Task InitializeAsync() => _server = await GitTestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Clone_EmptyRepository_Works()
    {
        await _server.CreateBareRepositoryAsync("empty.git");

        var result = await GitClient.RunAsync(_server.WorkRoot, "clone", _server.Url("empty.git"), "copy");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("cloned an empty repository", result.Error);
        Assert.True(Directory.Exists(Path.Combine(_server.WorkRoot, "copy", ".git")));
    }

    [Fact]
    public async Task Fetch_LargeRepository_Works()
    {
        // 300 tagged commits make the clone's "want" list far larger than 1 KB, so git gzips the request body.
        const int commits = 300;
        await _server.CreateBareRepositoryAsync("large.git");
        var bare = _server.BareRepositoryPath("large.git");
        using var history = FastImportHistory(commits, blobBytes: 16 * 1024);
        var import = await GitClient.RunWithInputAsync(bare, history, "fast-import", "--quiet");
        Assert.True(import.ExitCode == 0, import.ToString());

        var result = await GitClient.RunAsync(_server.WorkRoot, "clone", "-q", _server.Url("large.git"), "copy");

        Assert.True(result.ExitCode == 0, result.ToString());
        var copy = Path.Combine(_server.WorkRoot, "copy");
        Assert.Equal(
            await GitTestServer.RunOkAsync(bare, "rev-parse", "main"),
            await GitTestServer.RunOkAsync(copy, "rev-parse", "HEAD"));
        Assert.Equal(commits, (await GitTestServer.RunOkAsync(copy, "tag", "--list")).Split('\n').Length);
        Assert.Contains(_server.Requests, r => r.Path.EndsWith("/git-upload-pack") && r.ContentEncoding == "gzip");
    }

    [Fact]
    public async Task Fetch_BehindResponseCompression_IsNotCompressed()
    {
        await using var server = await GitTestServer.StartAsync(compressResponses: true);
        await server.CreateBareRepositoryAsync("app.git");
        using var history = FastImportHistory(commits: 3, blobBytes: 4096);
        await GitClient.RunWithInputAsync(server.BareRepositoryPath("app.git"), history, "fast-import", "--quiet");

        var result = await GitClient.RunAsync(server.WorkRoot, "clone", "-q", server.Url("app.git"), "copy");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(server.Requests, r => r.Path.EndsWith("/git-upload-pack"));
        Assert.All(server.Requests, r => Assert.Equal("", r.ResponseContentEncoding));
    }

    // A fast-import stream of a linear history on main, one file rewritten with random text per commit, each commit tagged.
    private static MemoryStream FastImportHistory(int commits, int blobBytes)
    {
        var stream = new MemoryStream();
        using (var writer = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true) { NewLine = "\n" })
        {
            for (var i = 1; i <= commits; i++)
            {
                var message = $"Version {i}";
                var content = Convert.ToBase64String(RandomNumberGenerator.GetBytes(blobBytes * 3 / 4));
                writer.WriteLine("commit refs/heads/main");
                writer.WriteLine($"mark :{i}");
                writer.WriteLine($"committer Test Team <team@example.org> {1_700_000_000 + i} +0000");
                writer.WriteLine($"data {Encoding.UTF8.GetByteCount(message)}");
                writer.WriteLine(message);
                if (i > 1)
                {
                    writer.WriteLine($"from :{i - 1}");
                }

                writer.WriteLine("M 644 inline data.txt");
                writer.WriteLine($"data {Encoding.UTF8.GetByteCount(content)}");
                writer.WriteLine(content);
                writer.WriteLine($"reset refs/tags/v{i}");
                writer.WriteLine($"from :{i}");
                writer.WriteLine();
            }
        }

        stream.Position = 0;
        return stream;
    }
}
