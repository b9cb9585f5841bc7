using JugendLab.Orchestrator.Audit;
using JugendLab.Web.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JugendLab.Web.Api;

/// <summary>/api/audit: every staff action (who, what, when, why), newest first; mentors and admins only.</summary>
public static class AuditApi
{
    public static RouteGroupBuilder MapAuditApi(this RouteGroupBuilder api)
    {
        api.MapGet("/audit", List)
            .WithDescription("Staff actions, newest first. Filters: team, actor, action (e.g. ProjectStopped), limit (default 200, at most 1000).");
        return api;
    }

    public static async Task<Ok<AuditEntryModel[]>> List(HttpContext http, AuditLog audit, CancellationToken ct,
        string? team = null, string? actor = null, AuditAction? action = null, int limit = 200) =>
        TypedResults.Ok((await audit.ListAsync(http.User.ToActor(), new AuditFilter(team, actor, action, limit), ct))
            .Select(AuditEntryModel.From).ToArray());
}
