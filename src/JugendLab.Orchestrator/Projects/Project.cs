using JugendLab.Orchestrator.Teams;

namespace JugendLab.Orchestrator.Projects;

/// <summary>Something a team runs. Its slug is its subdomain and is unique on the platform.</summary>
public sealed class Project
{
    private Project() { }

    public Project(Team team, string slug, Template? template, string deployBranch, int memoryMb, double cpus, DateTimeOffset createdAt)
    {
        Team = team;
        TeamId = team.Id;
        Slug = slug;
        Template = template;
        DeployBranch = deployBranch;
        MemoryMb = memoryMb;
        Cpus = cpus;
        CreatedAt = createdAt;
    }

    public int Id { get; private set; }
    public int TeamId { get; private set; }
    public Team Team { get; private set; } = null!;
    public string Slug { get; private set; } = "";

    /// <summary>A template the team chose; null means "detect from the files".</summary>
    public Template? Template { get; private set; }

    public string DeployBranch { get; private set; } = "main";
    public int MemoryMb { get; private set; }
    public double Cpus { get; private set; }
    public ProjectStatus Status { get; private set; } = ProjectStatus.NotDeployed;

    /// <summary>The deployment the route points to, if any.</summary>
    public int? LiveDeploymentId { get; private set; }

    /// <summary>Why the project is not serving (the last log lines after a crash).</summary>
    public string? StatusDetail { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public void GoLive(int deploymentId)
    {
        LiveDeploymentId = deploymentId;
        Status = ProjectStatus.Live;
        StatusDetail = null;
    }

    public void MarkCrashed(string lastLogLines)
    {
        Status = ProjectStatus.Crashed;
        StatusDetail = lastLogLines;
    }

    public void Stop()
    {
        Status = ProjectStatus.Stopped;
        StatusDetail = null;
    }

    /// <summary>Back to serving the live deployment (after a stop or a crash); false when nothing was ever deployed.</summary>
    public bool Resume()
    {
        if (LiveDeploymentId is null) return false;
        Status = ProjectStatus.Live;
        StatusDetail = null;
        return true;
    }

    public void Configure(Template? template, string? deployBranch, int? memoryMb, double? cpus)
    {
        Template = template ?? Template;
        DeployBranch = deployBranch ?? DeployBranch;
        MemoryMb = memoryMb ?? MemoryMb;
        Cpus = cpus ?? Cpus;
    }
}
