using JugendLab.Orchestrator.Teams;
using JugendLab.Web.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JugendLab.Web.Api;

/// <summary>How much of its quota a team uses (the Team page), and one project's /data (the Ressourcen tab).</summary>
public static class UsageApi
{
    public static RouteGroupBuilder MapUsageApi(this RouteGroupBuilder api)
    {
        api.MapGet("/teams/{team}/usage", Team)
            .WithDescription("The team's use of its quota: projects, memory and CPU its projects reserve, bytes in their /data " +
                             "(null when they cannot be measured), each against the quota. Memory, CPU and disk are limits per project; " +
                             "the team's ceiling is that limit times the number of projects it may have.");
        api.MapGet("/teams/{team}/projects/{project}/disk", Disk)
            .WithDescription("Bytes in the project's /data (null when they cannot be measured) and the quota per project in MB.");
        return api;
    }

    public static async Task<Ok<TeamUsageModel>> Team(string team, HttpContext http, TeamUsageService usage, CancellationToken ct) =>
        TypedResults.Ok(TeamUsageModel.From(await usage.UsageAsync(http.User.ToActor(), team, ct)));

    public static async Task<Ok<DiskUsageModel>> Disk(string team, string project, HttpContext http, TeamUsageService usage, CancellationToken ct)
    {
        var disk = await usage.DiskAsync(http.User.ToActor(), team, project, ct);
        return TypedResults.Ok(new DiskUsageModel(disk.UsedBytes, disk.QuotaMb));
    }
}

public sealed record DiskUsageModel(long? UsedBytes, int QuotaMb);
public sealed record UsedOfModel<T>(T Used, T Of);
public sealed record ProjectUsageModel(string Name, int MemoryMb, double Cpus, long? DataBytes);
public sealed record TeamUsageModel(
    string Team, IReadOnlyList<string> Members, QuotaModel Quota, UsedOfModel<int> Projects, UsedOfModel<int> MemoryMb,
    UsedOfModel<double> Cpus, UsedOfModel<long?> DiskBytes, IReadOnlyList<ProjectUsageModel> ProjectList)
{
    public static TeamUsageModel From(TeamUsage u) => new(
        u.Team, u.Members, QuotaModel.From(u.Quota),
        new(u.Projects.Count, u.Quota.MaxProjects),
        new(u.MemoryCommittedMb, u.MemoryCeilingMb),
        new(u.CpusCommitted, u.CpusCeiling),
        new(u.DiskUsedBytes, u.DiskCeilingBytes),
        u.Projects.Select(p => new ProjectUsageModel(p.Slug, p.MemoryMb, p.Cpus, p.DataBytes)).ToList());
}
