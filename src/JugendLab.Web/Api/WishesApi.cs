using JugendLab.Orchestrator.Reports;
using JugendLab.Orchestrator.Wishes;
using JugendLab.Web.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JugendLab.Web.Api;

/// <summary>Wünsche aus dem Quartier: residents post, mentors decide what is shown, teams take wishes on. The same service as the pages.</summary>
public static class WishesApi
{
    public static RouteGroupBuilder MapWishesApi(this RouteGroupBuilder api)
    {
        api.MapGet("/wishes", Shown).AllowAnonymous()
            .WithDescription("Everyone: the wishes a mentor showed, open ones first, each with the team that took it on and the showcased project that answers it.");
        api.MapPost("/wishes", Post).AllowAnonymous()
            .WithDescription("Everyone, no account: post a wish (title, text, optionally from whom and a contact only mentors see). Nobody sees it until a mentor shows it. " +
                             "A few per address and hour (429).");
        api.MapGet("/wishes/pending", Pending)
            .WithDescription("Staff: the wishes waiting for a decision, oldest first, with the poster's contact if given.");
        api.MapPost("/wishes/{id:int}/decision", Decide)
            .WithDescription("Staff: show the wish to everyone (show: true) or decline it (show: false, note required). Once only (409).");
        api.MapPost("/wishes/{id:int}/withdrawal", Withdraw)
            .WithDescription("Staff: take a shown wish down again, with an optional note.");
        api.MapPut("/wishes/{id:int}/team", Adopt)
            .WithDescription("Members of the team: take a shown wish on. One team per wish (409).");
        api.MapDelete("/wishes/{id:int}/team", Release)
            .WithDescription("Members of the team that took the wish on: give it back, so another team can take it on.");
        return api;
    }

    public static async Task<Ok<WishModel[]>> Shown(WishService wishes, PlatformUrls urls, CancellationToken ct) =>
        TypedResults.Ok((await wishes.PublicAsync(ct)).Select(w => WishModel.Of(w.Wish, w.Answer is null ? null : urls.Site(w.Answer.Project), staff: false)).ToArray());

    public static async Task<Created<WishModel>> Post(PostWishRequest request, HttpContext http, WishService wishes, SignInGuard guard, CancellationToken ct)
    {
        var wish = await wishes.PostAsync(request.Title, request.Text, request.From, request.Contact, ReporterAddress.Shorten(guard.ClientAddress(http)), ct);
        return TypedResults.Created("/api/wishes", WishModel.Of(wish, null, staff: false));
    }

    public static async Task<Ok<WishModel[]>> Pending(HttpContext http, WishService wishes, CancellationToken ct) =>
        TypedResults.Ok((await wishes.PendingAsync(http.User.ToActor(), ct)).Select(w => WishModel.Of(w, null, staff: true)).ToArray());

    public static async Task<Ok<WishModel>> Decide(int id, WishDecisionRequest decision, HttpContext http, WishService wishes, CancellationToken ct) =>
        TypedResults.Ok(WishModel.Of(await wishes.DecideAsync(http.User.ToActor(), id, decision.Show, decision.Note, ct), null, staff: true));

    public static async Task<Ok<WishModel>> Withdraw(int id, WishWithdrawalRequest request, HttpContext http, WishService wishes, CancellationToken ct) =>
        TypedResults.Ok(WishModel.Of(await wishes.WithdrawAsync(http.User.ToActor(), id, request.Note, ct), null, staff: true));

    public static async Task<Ok<WishModel>> Adopt(int id, AdoptWishRequest request, HttpContext http, WishService wishes, CancellationToken ct) =>
        TypedResults.Ok(WishModel.Of(await wishes.AdoptAsync(http.User.ToActor(), id, request.Team, ct), null, staff: false));

    public static async Task<Ok<WishModel>> Release(int id, HttpContext http, WishService wishes, CancellationToken ct) =>
        TypedResults.Ok(WishModel.Of(await wishes.ReleaseAsync(http.User.ToActor(), id, ct), null, staff: false));
}

public sealed record PostWishRequest(string? Title, string? Text, string? From, string? Contact);
public sealed record WishDecisionRequest(bool Show, string? Note);
public sealed record WishWithdrawalRequest(string? Note);
public sealed record AdoptWishRequest(string Team);

/// <summary>A wish; the contact and the mentors' note only for staff.</summary>
public sealed record WishModel(int Id, string Title, string Text, string? From, WishStatus Status, string? Team, string? AnsweredBy,
    DateTimeOffset PostedAt, string? Contact, string? Note)
{
    public static WishModel Of(Wish w, string? answeredBy, bool staff) =>
        new(w.Id, w.Title, w.Text, w.From, w.Status, w.Team?.Name, answeredBy, w.PostedAt, staff ? w.Contact : null, staff ? w.Note : null);
}
