using JugendLab.Orchestrator.Teams;
using JugendLab.Web.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JugendLab.Web.Api;

/// <summary>Quota requests ("Anfragen"): a team asks for more, mentors decide. The same service as the pages.</summary>
public static class RequestsApi
{
    public static RouteGroupBuilder MapRequestsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/teams/{team}/quota-requests", ListForTeam)
            .WithDescription("The team's requests for more quota, newest first (members and staff).");
        api.MapPost("/teams/{team}/quota-requests", Ask)
            .WithDescription("Ask for more: the team's whole new quota (each value at least today's, one more) and a reason in your own words. One open request per team (409).");
        api.MapGet("/quota-requests", Pending)
            .WithDescription("Staff: the open requests of all teams, oldest first.");
        api.MapPost("/quota-requests/{id:int}/decision", Decide)
            .WithDescription("Staff: grant all or part (grant: the new quota, each value between what the team has and what it asked) or decline (grant: null, with a note). " +
                             "A mentor who is in the team cannot decide (403), only an admin. A decision is final (409).");
        return api;
    }

    public static async Task<Ok<QuotaRequestModel[]>> ListForTeam(string team, HttpContext http, QuotaRequestService requests, CancellationToken ct) =>
        TypedResults.Ok((await requests.ListForTeamAsync(http.User.ToActor(), team, ct)).Select(r => QuotaRequestModel.From(r, team)).ToArray());

    public static async Task<Created<QuotaRequestModel>> Ask(string team, AskQuotaRequest request, HttpContext http, QuotaRequestService requests,
        CancellationToken ct)
    {
        var asked = await requests.AskAsync(http.User.ToActor(), team, request.Asked.ToQuota(), request.Reason, ct);
        return TypedResults.Created($"/api/teams/{team}/quota-requests", QuotaRequestModel.From(asked, team));
    }

    public static async Task<Ok<QuotaRequestModel[]>> Pending(HttpContext http, QuotaRequestService requests, CancellationToken ct) =>
        TypedResults.Ok((await requests.PendingAsync(http.User.ToActor(), ct)).Select(r => QuotaRequestModel.From(r, r.Team.Name)).ToArray());

    public static async Task<Ok<QuotaRequestModel>> Decide(int id, QuotaDecisionRequest decision, HttpContext http, QuotaRequestService requests,
        CancellationToken ct)
    {
        var decided = await requests.DecideAsync(http.User.ToActor(), id, decision.Grant?.ToQuota(), decision.Note, ct);
        return TypedResults.Ok(QuotaRequestModel.From(decided, decided.Team.Name));
    }
}
