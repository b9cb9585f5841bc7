using System.Globalization;
using JugendLab.Orchestrator.Configuration;
using JugendLab.Orchestrator.State;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace JugendLab.Orchestrator.Deployments;

/// <summary>
/// Static websites' folders: <c>&lt;data&gt;/sites/&lt;deployment id&gt;/</c>, one per deployment that unpacked files,
/// written once and never changed. The gateway serves the live one's files itself, so a website costs no container and
/// no memory. A rollback serves an older folder again; the last <see cref="OrchestratorOptions.ImagesKeptPerProject"/>
/// are kept, like images.
/// </summary>
public sealed class SiteFiles(IOptions<OrchestratorOptions> options, IOptions<BuildOptions> build, ILogger<SiteFiles> logger)
{
    /// <summary>Where a site is unpacked before it gets its name: a folder appears whole under its name, or not at all.</summary>
    private const string IncomingPrefix = ".incoming-";

    private string Directory => Path.GetFullPath(options.Value.SitesDirectory);

    /// <summary>The folder a site's files are served from, with a trailing slash (the gateway appends the request path).</summary>
    public string Root(string site) => Path.Join(Directory, site) + "/";

    public bool Exists(string site) => IsSiteName(site) && System.IO.Directory.Exists(Path.Join(Directory, site));

    /// <summary>Unpacks the commit's website into a new folder named after the deployment; returns its name and what was unpacked.</summary>
    public async Task<(string Site, SiteExtraction Extraction)> UnpackAsync(SourceSnapshot source, int deploymentId, CancellationToken ct)
    {
        var site = deploymentId.ToString(CultureInfo.InvariantCulture);
        var incoming = Path.Join(Directory, IncomingPrefix + site);
        var target = Path.Join(Directory, site);
        System.IO.Directory.CreateDirectory(Directory);
        // Leftovers of the same id (a restored database, an interrupted try) belong to no one who still serves them.
        DeleteFolder(incoming);
        DeleteFolder(target);
        System.IO.Directory.CreateDirectory(incoming);
        try
        {
            var maxBytes = build.Value.MaxContextMb * 1024L * 1024L;
            var extraction = await Task.Run(() => SiteArchive.Extract(source.Tar, incoming, maxBytes), ct);
            ct.ThrowIfCancellationRequested();
            System.IO.Directory.Move(incoming, target); // a rename: no reader ever sees half a site
            return (site, extraction);
        }
        catch
        {
            DeleteFolder(incoming);
            throw;
        }
    }

    /// <summary>Removes one site's folder (a failed deploy's, a pruned one's, a deleted project's).</summary>
    public void Delete(string site)
    {
        if (IsSiteName(site)) DeleteFolder(Path.Join(Directory, site));
    }

    /// <summary>
    /// After a deploy: keeps the newest <see cref="OrchestratorOptions.ImagesKeptPerProject"/> site folders of the project
    /// that went live once, and always the live one; older ones go. Runs under the project's lock.
    /// </summary>
    public async Task PruneAsync(JugendLabDb db, int projectId, CancellationToken ct)
    {
        var live = await db.Projects.Where(p => p.Id == projectId)
            .Join(db.Deployments, p => p.LiveDeploymentId, d => d.Id, (_, d) => d.Site).SingleOrDefaultAsync(ct);
        var owners = await db.Deployments
            .Where(d => d.ProjectId == projectId && d.Site != null && d.BasedOn == null
                        && (d.Status == DeploymentStatus.Live || d.Status == DeploymentStatus.Retired))
            .OrderByDescending(d => d.Id).Select(d => d.Site!).ToListAsync(ct);
        foreach (var site in owners.Skip(options.Value.ImagesKeptPerProject).Where(s => s != live))
        {
            Delete(site);
            logger.LogInformation("Pruned site folder {Site} of project {ProjectId}", site, projectId);
        }
    }

    /// <summary>
    /// At start-up: removes half-unpacked folders and folders no deployment serves or can go back to (an interrupted
    /// deploy's, one of a project deleted while the platform was down). Returns how many went.
    /// </summary>
    public int Sweep(IReadOnlySet<string> wanted)
    {
        if (!System.IO.Directory.Exists(Directory)) return 0;
        var removed = 0;
        foreach (var folder in System.IO.Directory.EnumerateDirectories(Directory))
        {
            var name = Path.GetFileName(folder);
            if (!name.StartsWith(IncomingPrefix, StringComparison.Ordinal) && (!IsSiteName(name) || wanted.Contains(name))) continue;
            DeleteFolder(folder);
            removed++;
        }
        if (removed > 0) logger.LogInformation("Removed {Count} site folders no deployment needs", removed);
        return removed;
    }

    /// <summary>Only names the platform gives (a deployment id) are ever joined to the directory.</summary>
    private static bool IsSiteName(string site) => site.Length is > 0 and <= 10 && site.All(char.IsAsciiDigit);

    private static void DeleteFolder(string path)
    {
        if (System.IO.Directory.Exists(path)) System.IO.Directory.Delete(path, recursive: true);
    }
}
