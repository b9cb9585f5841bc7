using System.Reflection;
using JugendLab.Orchestrator.Configuration;
using JugendLab.Orchestrator.Deployments;
using Microsoft.Extensions.Options;

namespace JugendLab.Orchestrator.Projects;

/// <summary>The bare git repository of each project, under the data directory, with the platform's pre-receive hook.</summary>
public sealed class ProjectRepositories(IOptions<OrchestratorOptions> options)
{
    /// <summary>The marker the platform sends as the last line of a successful build; the hook turns it into exit code 0.</summary>
    public const string SuccessMarker = "@@jugendlab:ok";

    private static readonly Lazy<byte[]> Hook = new(() =>
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("hooks/pre-receive")!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    });

    public string Root => Path.GetFullPath(options.Value.RepositoriesDirectory);

    /// <summary>The path below <see cref="Root"/>, as git's PATH_INFO names it: "team/project.git".</summary>
    public static string RelativePath(string team, string slug) => $"{team}/{slug}.git";

    public async Task<string> CreateAsync(string team, string slug, CancellationToken ct)
    {
        var path = Path.Combine(Root, team, slug + ".git");
        if (!Directory.Exists(path))
        {
            Directory.CreateDirectory(path);
            await GitProcess.RunAsync(path, null, ct, "init", "--quiet", "--bare", "--initial-branch=main");
        }
        await EnsureHookAsync(path, ct);
        return path;
    }

    /// <summary>Writes the current hook (an update of the platform may change it) and returns the repository path.</summary>
    public async Task<string?> FindAsync(string team, string slug, CancellationToken ct)
    {
        var path = Path.Combine(Root, team, slug + ".git");
        if (!Directory.Exists(path)) return null;
        await EnsureHookAsync(path, ct);
        return path;
    }

    private static async Task EnsureHookAsync(string repository, CancellationToken ct)
    {
        var hook = Path.Combine(repository, "hooks", "pre-receive");
        if (File.Exists(hook) && (await File.ReadAllBytesAsync(hook, ct)).AsSpan().SequenceEqual(Hook.Value)) return;
        Directory.CreateDirectory(Path.GetDirectoryName(hook)!);
        await File.WriteAllBytesAsync(hook, Hook.Value, ct);
        if (OperatingSystem.IsWindows()) return; // the platform runs on Linux; this keeps the analyzer honest
        File.SetUnixFileMode(hook, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
                                   UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
    }
}
