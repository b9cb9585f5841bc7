using JugendLab.Orchestrator.Teams;
using JugendLab.Web.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JugendLab.Web.Api;

/// <summary>/api/teams: teams, members and quotas. Staff create teams and set quotas; youth see their own teams.</summary>
public static class TeamsApi
{
    public static RouteGroupBuilder MapTeamsApi(this RouteGroupBuilder api)
    {
        var teams = api.MapGroup("/teams");
        teams.MapGet("/", List);
        teams.MapPost("/", Create);
        teams.MapGet("/{team}", Get);
        teams.MapPost("/{team}/members", AddMember);
        teams.MapDelete("/{team}/members/{user}", RemoveMember);
        teams.MapPut("/{team}/quota", SetQuota);
        return api;
    }

    public static async Task<Ok<TeamModel[]>> List(HttpContext http, TeamService teams, CancellationToken ct)
    {
        var list = await teams.ListAsync(http.User.ToActor(), ct);
        var models = new List<TeamModel>();
        foreach (var team in list) models.Add(await Describe(team, teams, ct));
        return TypedResults.Ok(models.ToArray());
    }

    public static async Task<Created<TeamModel>> Create(CreateTeamRequest request, HttpContext http, TeamService teams, CancellationToken ct)
    {
        var team = await teams.CreateAsync(http.User.ToActor(), request.Name, ct);
        return TypedResults.Created($"/api/teams/{team.Name}", await Describe(team, teams, ct));
    }

    public static async Task<Ok<TeamModel>> Get(string team, HttpContext http, TeamService teams, CancellationToken ct) =>
        TypedResults.Ok(await Describe(await teams.GetAsync(http.User.ToActor(), team, ct), teams, ct));

    public static async Task<Ok<TeamModel>> AddMember(string team, AddMemberRequest request, HttpContext http, TeamService teams, CancellationToken ct)
    {
        var actor = http.User.ToActor();
        await teams.AddMemberAsync(actor, team, request.User, ct);
        return TypedResults.Ok(await Describe(await teams.GetAsync(actor, team, ct), teams, ct));
    }

    public static async Task<NoContent> RemoveMember(string team, string user, HttpContext http, TeamService teams, CancellationToken ct)
    {
        await teams.RemoveMemberAsync(http.User.ToActor(), team, user, ct);
        return TypedResults.NoContent();
    }

    public static async Task<Ok<TeamModel>> SetQuota(string team, SetQuotaRequest quota, HttpContext http, TeamService teams, CancellationToken ct) =>
        TypedResults.Ok(await Describe(await teams.SetQuotaAsync(http.User.ToActor(), team, quota.ToQuota(), quota.Reason, ct), teams, ct));

    private static async Task<TeamModel> Describe(Team team, TeamService teams, CancellationToken ct) =>
        new(team.Name, await teams.MemberNamesAsync(team, ct), QuotaModel.From(team.Quota), team.CreatedAt);
}
