using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using JugendLab.Web.Git;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace JugendLab.Tests.Git;

/// <summary>A request the test server answered, as seen after the endpoint ran.</summary>
internal sealed record RecordedRequest(
    string Method, string Path, string ContentEncoding, int StatusCode, string ResponseContentEncoding);

/// <summary>
/// A real Kestrel host on 127.0.0.1 serving bare repositories from a temporary folder through <see cref="GitHttpBackend"/>,
/// with the smallest policy git needs: Basic credentials present → REMOTE_USER, absent → 401 asking for them.
/// </summary>
internal sealed class GitTestServer : IAsyncDisposable
{
    public const string User = "team-blue";
    public const string Password = "hunter2";

    private readonly WebApplication _app;
    private readonly DirectoryInfo _folder;

    private GitTestServer(
        WebApplication app, DirectoryInfo folder, int port, ConcurrentQueue<RecordedRequest> requests, ConcurrentQueue<string> log)
    {
        _app = app;
        _folder = folder;
        Port = port;
        Requests = requests;
        Log = log;
    }

    public int Port { get; }

    /// <summary>GIT_PROJECT_ROOT: where the bare repositories live.</summary>
    public string RepositoriesRoot => Path.Combine(_folder.FullName, "repos");

    /// <summary>Where the client's working copies live.</summary>
    public string WorkRoot => Path.Combine(_folder.FullName, "work");

    public ConcurrentQueue<RecordedRequest> Requests { get; }

    /// <summary>Everything the host logged, GitHttpBackend's Debug lines included.</summary>
    public ConcurrentQueue<string> Log { get; }

    public static async Task<GitTestServer> StartAsync(
        long maxRequestBodyBytes = 100 * 1024 * 1024,
        IReadOnlyDictionary<string, string>? environment = null,
        bool compressResponses = false)
    {
        var folder = Directory.CreateTempSubdirectory("jugendlab-git-test-");
        Directory.CreateDirectory(Path.Combine(folder.FullName, "repos"));
        Directory.CreateDirectory(Path.Combine(folder.FullName, "work"));

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = folder.FullName });
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var log = new ConcurrentQueue<string>();
        builder.Logging.ClearProviders().SetMinimumLevel(LogLevel.Debug).AddProvider(new QueueLoggerProvider(log));
        builder.Services.AddSingleton<GitHttpBackend>();
        builder.Services.AddResponseCompression(options => options.MimeTypes =
            ["application/x-git-upload-pack-advertisement", "application/x-git-upload-pack-result",
             "application/x-git-receive-pack-advertisement", "application/x-git-receive-pack-result"]);

        var app = builder.Build();
        var requests = new ConcurrentQueue<RecordedRequest>();
        app.Use(async (context, next) =>
        {
            await next(context);
            requests.Enqueue(new RecordedRequest(
                context.Request.Method,
                context.Request.Path + context.Request.QueryString,
                context.Request.Headers.ContentEncoding.ToString(),
                context.Response.StatusCode,
                context.Response.Headers.ContentEncoding.ToString()));
        });
        if (compressResponses)
        {
            app.UseResponseCompression();
        }

        var root = Path.Combine(folder.FullName, "repos");
        var extra = environment ?? new Dictionary<string, string>();
        app.Map("/git/{**path}", (RequestDelegate)(context => ServeAsync(context, root, extra, maxRequestBodyBytes)));
        await app.StartAsync();

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!
            .Addresses.Single();
        return new GitTestServer(app, folder, new Uri(address).Port, requests, log);
    }

    /// <summary>The clone URL of a repository, with the test credentials in it unless told otherwise.</summary>
    public string Url(string repository, bool withCredentials = true) => withCredentials
        ? $"http://{User}:{Password}@127.0.0.1:{Port}/git/{repository}"
        : $"http://127.0.0.1:{Port}/git/{repository}";

    public string BareRepositoryPath(string repository) => Path.Combine(RepositoriesRoot, repository);

    /// <summary>Creates a bare repository the way the platform does: <c>git init --bare -b main</c>, owned by us.</summary>
    public async Task CreateBareRepositoryAsync(string repository)
    {
        var result = await GitClient.RunAsync(RepositoriesRoot, "init", "--bare", "-b", "main", repository);
        Assert.True(result.ExitCode == 0, result.ToString());
    }

    public void InstallPreReceiveHook(string repository, string script)
    {
        var path = Path.Combine(BareRepositoryPath(repository), "hooks", "pre-receive");
        File.WriteAllText(path, "#!/bin/sh\n" + script + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    /// <summary>A fresh working copy on branch main with one commit holding the given files.</summary>
    public async Task<string> CreateWorkingCopyAsync(string name, IReadOnlyDictionary<string, byte[]> files)
    {
        var directory = Path.Combine(WorkRoot, name);
        await RunOkAsync(WorkRoot, "init", "-b", "main", name);
        foreach (var (file, content) in files)
        {
            await File.WriteAllBytesAsync(Path.Combine(directory, file), content);
        }

        await RunOkAsync(directory, "add", "-A");
        await RunOkAsync(directory, "commit", "-q", "-m", "First version");
        return directory;
    }

    public static async Task<string> RunOkAsync(string workingDirectory, params string[] arguments)
    {
        var result = await GitClient.RunAsync(workingDirectory, arguments);
        Assert.True(result.ExitCode == 0, $"git {string.Join(' ', arguments)}: {result}");
        return result.Output.Trim();
    }

    /// <summary>Processes serving this server's repositories (http-backend, receive-pack, hooks and what they run).</summary>
    public IReadOnlyList<int> BackendProcesses()
    {
        var marker = Encoding.UTF8.GetBytes("GIT_PROJECT_ROOT=" + RepositoriesRoot + "\0");
        var found = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid))
            {
                continue;
            }

            try
            {
                if (File.ReadAllBytes(Path.Combine(directory, "environ")).AsSpan().IndexOf(marker) >= 0)
                {
                    found.Add(pid);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The process ended while we looked.
            }
        }

        return found;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        try
        {
            _folder.Delete(recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static async Task ServeAsync(
        HttpContext context, string root, IReadOnlyDictionary<string, string> environment, long maxRequestBodyBytes)
    {
        if (!TryReadBasicUser(context.Request, out var user))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"git\"";
            return;
        }

        var backend = context.RequestServices.GetRequiredService<GitHttpBackend>();
        var path = "/" + (string?)context.Request.RouteValues["path"];
        await backend.RunAsync(context, new GitCgiRequest(root, path, user, environment, maxRequestBodyBytes));
    }

    private static bool TryReadBasicUser(HttpRequest request, out string user)
    {
        user = "";
        if (!AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var header)
            || !header.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase)
            || header.Parameter is null)
        {
            return false;
        }

        var credentials = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter));
        user = credentials.Split(':', 2)[0];
        return user.Length > 0;
    }
}
