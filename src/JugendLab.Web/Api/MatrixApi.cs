using JugendLab.Orchestrator.Configuration;
using JugendLab.Orchestrator.Matrix;
using JugendLab.Web.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace JugendLab.Web.Api;

/// <summary>/api/matrix: the neighbourhood's homeserver (mentors and admins), its invites, and joining with one (anyone with an invite).</summary>
public static class MatrixApi
{
    public static RouteGroupBuilder MapMatrixApi(this RouteGroupBuilder api)
    {
        api.MapGet("/matrix", Status)
            .WithDescription("The homeserver: state (Off, Existing, Starting, Ready, Down) and why, its server name and client address, " +
                             "and, while it is ready, its version and how many accounts and rooms it has. Mentors and admins only.");
        api.MapGet("/matrix/invites", ListInvites)
            .WithDescription("Neighbourhood invites (the homeserver's registration tokens), with their uses and expiry. Mentors and admins only.");
        api.MapPost("/matrix/invites", CreateInvite)
            .WithDescription($"Makes a neighbourhood invite for 1 to {NeighbourInvite.MaxUses} people, valid for `days` (default {NeighbourInvite.DefaultValidDays}, " +
                             $"at most {NeighbourInvite.MaxValidDays}) or until `expiresAt`. The answer holds the join link. Mentors and admins only.");
        api.MapDelete("/matrix/invites/{token}", RevokeInvite)
            .WithDescription("Withdraws an invite; accounts made with it stay. Mentors and admins only.");
        api.MapGet("/matrix/accounts", Accounts)
            .WithDescription($"The homeserver's accounts, newest first (at most {ChatModeration.ListedAccounts}). Mentors and admins only.");
        api.MapPost("/matrix/accounts/{userId}/deactivation", Deactivate)
            .WithDescription("Deactivates an account and erases its messages and profile; a reason is needed (audit log). Cannot be undone. Mentors and admins only.");
        api.MapGet("/matrix/reports", Reports)
            .WithDescription("Messages people reported in their Matrix apps, with the text, who wrote it, who reported it and why. Mentors and admins only.");
        api.MapDelete("/matrix/reports/{id:long}", DismissReport)
            .WithDescription("Marks a report as done (removes it from the list; audit log). Mentors and admins only.");
        api.MapPost("/matrix/join", Join).AllowAnonymous()
            .WithDescription("Makes a neighbour's account on the homeserver with an invite: a user name and a password (10 characters or more). " +
                             "No e-mail address. 404 for an unknown invite, 409 for one that is used up or expired or a name that is taken.");
        return api;
    }

    public static async Task<Ok<HomeserverReport>> Status(HttpContext http, HomeserverOverview overview, CancellationToken ct) =>
        TypedResults.Ok(await overview.ReadAsync(http.User.ToActor(), ct));

    public static async Task<Ok<NeighbourInviteModel[]>> ListInvites(HttpContext http, NeighbourInvites invites, PlatformUrls urls, TimeProvider time, CancellationToken ct) =>
        TypedResults.Ok((await invites.ListAsync(http.User.ToActor(), ct)).Select(i => NeighbourInviteModel.Of(i, urls, time.GetUtcNow())).ToArray());

    public static async Task<Created<NeighbourInviteModel>> CreateInvite(CreateNeighbourInviteRequest request, HttpContext http, NeighbourInvites invites,
        PlatformUrls urls, TimeProvider time, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var invite = await invites.CreateAsync(http.User.ToActor(), request.Uses ?? 1,
            request.ExpiresAt ?? now.AddDays(request.Days ?? NeighbourInvite.DefaultValidDays), ct);
        return TypedResults.Created("/api/matrix/invites", NeighbourInviteModel.Of(invite, urls, now));
    }

    public static async Task<NoContent> RevokeInvite(string token, HttpContext http, NeighbourInvites invites, CancellationToken ct)
    {
        await invites.RevokeAsync(http.User.ToActor(), token, ct);
        return TypedResults.NoContent();
    }

    public static async Task<Ok<NeighbourAccount[]>> Accounts(HttpContext http, ChatModeration moderation, CancellationToken ct) =>
        TypedResults.Ok((await moderation.AccountsAsync(http.User.ToActor(), ct)).ToArray());

    public static async Task<NoContent> Deactivate(string userId, DeactivationRequest request, HttpContext http, ChatModeration moderation, CancellationToken ct)
    {
        await moderation.DeactivateAsync(http.User.ToActor(), userId, request.Reason, ct);
        return TypedResults.NoContent();
    }

    public static async Task<Ok<ChatReport[]>> Reports(HttpContext http, ChatModeration moderation, CancellationToken ct) =>
        TypedResults.Ok((await moderation.ReportsAsync(http.User.ToActor(), ct)).ToArray());

    public static async Task<NoContent> DismissReport(long id, HttpContext http, ChatModeration moderation, CancellationToken ct)
    {
        await moderation.DismissReportAsync(http.User.ToActor(), id, null, ct);
        return TypedResults.NoContent();
    }

    public static async Task<Created<JoinedModel>> Join(JoinRequest request, HttpContext http, NeighbourInvites invites, SignInGuard guard,
        IOptions<DomainOptions> domain, CancellationToken ct)
    {
        var userId = await invites.JoinAsync(request.Token, request.UserName, request.Password, guard.ClientAddress(http)?.ToString(), ct);
        return TypedResults.Created("/api/matrix/join", new JoinedModel(userId, HomeserverConfig.PublicBaseUrl(domain.Value), domain.Value.Base));
    }
}

public sealed record CreateNeighbourInviteRequest(int? Uses, int? Days, DateTimeOffset? ExpiresAt);
public sealed record DeactivationRequest(string? Reason);
public sealed record JoinRequest(string? Token, string? UserName, string? Password);
public sealed record JoinedModel(string UserId, string Homeserver, string ServerName);

public sealed record NeighbourInviteModel(string Token, string Link, int? UsesAllowed, int Completed, int? UsesLeft, DateTimeOffset? ExpiresAt,
    NeighbourInviteState State)
{
    public static NeighbourInviteModel Of(NeighbourInvite i, PlatformUrls urls, DateTimeOffset now) =>
        new(i.Token, urls.JoinLink(i.Token), i.UsesAllowed, i.Completed, i.UsesLeft, i.ExpiresAt, i.StateAt(now));
}
