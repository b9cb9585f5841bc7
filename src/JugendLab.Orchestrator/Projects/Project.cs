using JugendLab.Orchestrator.Accounts;
using JugendLab.Orchestrator.Errors;
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

    /// <summary>Who stopped the project, when staff did: a staff stop sticks until staff resume it.</summary>
    public string? StoppedBy { get; private set; }

    /// <summary>Why staff stopped the project, shown to its team when they try to start or push.</summary>
    public string? StopReason { get; private set; }

    public bool IsStoppedByStaff => Status == ProjectStatus.Stopped && StoppedBy is not null;

    /// <summary>Residents reported it often enough that it is paused until a mentor looks (the gateway says "wird überprüft").</summary>
    public bool UnderReview { get; private set; }

    /// <summary>The name a pause by reports carries in <see cref="StoppedBy"/>: the platform, not a person.</summary>
    public const string ReviewPauser = "JugendLab";

    /// <summary>
    /// Reports paused it: like a mentor's stop (members can neither start nor push), until a mentor has looked.
    /// </summary>
    public void PauseForReview(int reports)
    {
        UnderReview = true;
        if (IsStoppedByStaff) return; // a mentor's own stop and reason stay
        Status = ProjectStatus.Stopped;
        StatusDetail = null;
        StoppedBy = ReviewPauser;
        StopReason = $"{reports} Meldungen aus dem Quartier in kurzer Zeit. Eine Mentor:in schaut sich das Projekt an. / " +
                     $"{reports} reports from the neighbourhood in a short time. A mentor is looking at the project.";
    }

    /// <summary>A new deployment takes the route. Staff deploying a project they stopped resumes it; members are refused before (<see cref="EnsureDeployAllowed"/>).</summary>
    public void GoLive(int deploymentId)
    {
        LiveDeploymentId = deploymentId;
        Status = ProjectStatus.Live;
        StatusDetail = null;
        StoppedBy = null;
        StopReason = null;
        UnderReview = false;
    }

    /// <summary>The live container keeps ending; only a live project can crash.</summary>
    public void MarkCrashed(string lastLogLines)
    {
        if (Status != ProjectStatus.Live) return;
        Status = ProjectStatus.Crashed;
        StatusDetail = lastLogLines;
    }

    /// <summary>Stops serving. When staff stop it, the stop sticks: members cannot start or deploy it until staff resume it.</summary>
    public void Stop(Actor actor, string? reason)
    {
        EnsureNotStoppedByStaff(actor);
        Status = ProjectStatus.Stopped;
        StatusDetail = null;
        StoppedBy = actor.IsStaff ? actor.Name : null;
        StopReason = actor.IsStaff && !string.IsNullOrWhiteSpace(reason) ? reason.Trim() : null;
        if (actor.IsStaff) UnderReview = false; // a mentor's stop is the review's answer
    }

    /// <summary>Back to serving the live deployment (after a stop or a crash); false when nothing was ever deployed.</summary>
    public bool Resume(Actor actor)
    {
        EnsureNotStoppedByStaff(actor);
        if (LiveDeploymentId is null) return false;
        Status = ProjectStatus.Live;
        StatusDetail = null;
        StoppedBy = null;
        StopReason = null;
        UnderReview = false;
        return true;
    }

    /// <summary>A push or a deploy from a git URL: refused for members while staff keep the project stopped.</summary>
    public void EnsureDeployAllowed(Actor actor) => EnsureNotStoppedByStaff(actor);

    private void EnsureNotStoppedByStaff(Actor actor)
    {
        if (!IsStoppedByStaff || actor.IsStaff) return;
        throw DomainException.Forbidden(
            $"{StoppedBy} hat das Projekt «{Slug}» angehalten. Grund: {StopReason ?? "(kein Grund angegeben)"} — Nur eine Mentor:in oder ein Admin kann es wieder starten. Sprich mit {StoppedBy}.",
            $"{StoppedBy} stopped the project \"{Slug}\". Reason: {StopReason ?? "(no reason given)"} — Only a mentor or an admin can start it again. Talk to {StoppedBy}.");
    }

    /// <summary>Changes what is given; null keeps a setting. <paramref name="detectTemplate"/> goes back to detecting the template.</summary>
    public void Configure(Template? template, string? deployBranch, int? memoryMb, double? cpus, bool detectTemplate = false)
    {
        Template = detectTemplate ? null : template ?? Template;
        DeployBranch = deployBranch ?? DeployBranch;
        MemoryMb = memoryMb ?? MemoryMb;
        Cpus = cpus ?? Cpus;
    }
}
