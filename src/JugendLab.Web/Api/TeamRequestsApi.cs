using JugendLab.Orchestrator.Teams;
using JugendLab.Web.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JugendLab.Web.Api;

/// <summary>Requests for a new team: a youth asks, mentors decide. The same service as the pages (/teams/neu, Betreuung › Anfragen).</summary>
public static class TeamRequestsApi
{
    public static RouteGroupBuilder MapTeamRequestsApi(this RouteGroupBuilder api)
    {
        var requests = api.MapGroup("/team-requests");
        requests.MapGet("/", List)
            .WithDescription("A youth's own requests for a new team, or everyone's for staff; newest first. Optional ?status=Pending, Approved or Declined.");
        requests.MapPost("/", Ask)
            .WithDescription("A youth asks for a new team: a name (the rules of team names; not taken, and nobody else asking for it: 409) and what they " +
                             "want to build. One open request per person (409). Staff make teams with POST /api/teams instead (400).");
        requests.MapPost("/{id:int}/decision", Decide)
            .WithDescription("Staff: approve (the team is made with the default quota and the youth is its member) or decline (approve: false, with a " +
                             "note). A youth gets 403. A decision is final (409); a name some team took since the request is refused (409): decline it.");
        return api;
    }

    public static async Task<Ok<TeamRequestModel[]>> List(HttpContext http, TeamRequestService requests, CancellationToken ct, TeamRequestStatus? status = null) =>
        TypedResults.Ok((await requests.ListAsync(http.User.ToActor(), status, ct)).Select(TeamRequestModel.From).ToArray());

    public static async Task<Created<TeamRequestModel>> Ask(AskTeamRequest request, HttpContext http, TeamRequestService requests, CancellationToken ct)
    {
        var asked = await requests.AskAsync(http.User.ToActor(), request.Name, request.Purpose, ct);
        return TypedResults.Created("/api/team-requests", TeamRequestModel.From(asked));
    }

    public static async Task<Ok<TeamRequestModel>> Decide(int id, TeamDecisionRequest decision, HttpContext http, TeamRequestService requests,
        CancellationToken ct) =>
        TypedResults.Ok(TeamRequestModel.From(await requests.DecideAsync(http.User.ToActor(), id, decision.Approve, decision.Note, ct)));
}
