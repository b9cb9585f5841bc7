using JugendLab.Orchestrator.Projects;

namespace JugendLab.Orchestrator.Deployments;

/// <summary>One build and run of one commit. Immutable once finished; guards its own transitions.</summary>
public sealed class Deployment
{
    private Deployment() { }

    public Deployment(int projectId, string source, string? requestedBy, DateTimeOffset createdAt)
    {
        ProjectId = projectId;
        Source = source;
        RequestedBy = requestedBy;
        CreatedAt = createdAt;
        Status = DeploymentStatus.Building;
    }

    public int Id { get; private set; }
    public int ProjectId { get; private set; }

    /// <summary>Where the code came from: "push" or the git URL it was cloned from.</summary>
    public string Source { get; private set; } = "";

    public string? RequestedBy { get; private set; }
    public string? Commit { get; private set; }

    /// <summary>The first line of the commit's message, as the team wrote it.</summary>
    public string? CommitMessage { get; private set; }

    /// <summary>For a rollback or a restart with new settings: the deployment whose image this one runs again.</summary>
    public int? BasedOn { get; private set; }
    public Template? Template { get; private set; }
    public string? Image { get; private set; }

    /// <summary>
    /// For a static website: the folder under the platform's sites directory that holds its files (the platform serves
    /// them itself; there is no image and no container). Named after the deployment that unpacked them.
    /// </summary>
    public string? Site { get; private set; }

    public string? ContainerName { get; private set; }
    public DeploymentStatus Status { get; private set; }
    public string? Error { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? FinishedAt { get; private set; }

    public bool IsFinished => Status is DeploymentStatus.Live or DeploymentStatus.Retired or DeploymentStatus.Failed;

    /// <summary>What was built: the commit and the template, and the image to build (null for a static website, whose files are served as they are).</summary>
    public void Describe(string commit, string? message, Template template, string? image)
    {
        EnsureStatus(DeploymentStatus.Building);
        Commit = commit;
        CommitMessage = message is { Length: > 200 } ? message[..200] : message;
        Template = template;
        Image = image;
    }

    /// <summary>Runs the image (or serves the site files) of an earlier deployment again (a rollback, or new settings): nothing is built.</summary>
    public void Reuse(Deployment earlier)
    {
        EnsureStatus(DeploymentStatus.Building);
        if (earlier.ProjectId != ProjectId || (earlier.Image is null && earlier.Site is null) || earlier.Template is null)
            throw new InvalidOperationException($"Deployment {earlier.Id} has no image or site of project {ProjectId}.");
        Describe(earlier.Commit ?? "", earlier.CommitMessage, earlier.Template.Value, earlier.Image);
        Site = earlier.Site;
        BasedOn = earlier.ImageOwner; // the deployment that built the image, also when the earlier one reused it too
    }

    /// <summary>A static website's files are unpacked into their folder: it goes live without a container.</summary>
    public void Unpacked(string site)
    {
        EnsureStatus(DeploymentStatus.Building);
        if (Template != Projects.Template.Static || Image is not null)
            throw new InvalidOperationException($"Deployment {Id} is no static website.");
        Site = site;
        Status = DeploymentStatus.Starting;
    }

    /// <summary>Whether the platform serves this deployment's files itself (a static website): no image, no container.</summary>
    public bool ServesFiles => Site is not null;

    /// <summary>The deployment that built this deployment's image (or unpacked its site files): itself, or the one it is based on.</summary>
    public int ImageOwner => BasedOn ?? Id;

    /// <summary>Whether this deployment went live once and is no longer: a version one can go back to, while its image (or site folder) is kept.</summary>
    public bool CanGoBackTo => Status == DeploymentStatus.Retired && (Image is not null || Site is not null);

    public void Starting(string containerName)
    {
        EnsureStatus(DeploymentStatus.Building);
        ContainerName = containerName;
        Status = DeploymentStatus.Starting;
    }

    public void Live(DateTimeOffset at)
    {
        EnsureStatus(DeploymentStatus.Starting);
        Status = DeploymentStatus.Live;
        FinishedAt = at;
    }

    public void Retire()
    {
        EnsureStatus(DeploymentStatus.Live);
        Status = DeploymentStatus.Retired;
    }

    public void Fail(string error, DateTimeOffset at)
    {
        if (IsFinished) throw new InvalidOperationException($"Deployment {Id} is already {Status}.");
        Status = DeploymentStatus.Failed;
        Error = error;
        FinishedAt = at;
    }

    private void EnsureStatus(DeploymentStatus expected)
    {
        if (Status != expected)
            throw new InvalidOperationException($"Deployment {Id} is {Status}, expected {expected}.");
    }
}
