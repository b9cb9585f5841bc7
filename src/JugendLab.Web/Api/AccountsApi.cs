using JugendLab.Orchestrator.Accounts;
using JugendLab.Web.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JugendLab.Web.Api;

/// <summary>/api/me, /api/users, /api/tokens: who am I, accounts (made by staff), personal access tokens.</summary>
public static class AccountsApi
{
    public static RouteGroupBuilder MapAccountsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/me", Me);
        api.MapPut("/me/matrix", LinkMatrix);
        api.MapGet("/users", ListUsers);
        api.MapPost("/users", CreateUser);
        api.MapDelete("/users/{name}/matrix", UnlinkMatrix);
        api.MapGet("/tokens", ListTokens);
        api.MapPost("/tokens", CreateToken);
        api.MapDelete("/tokens/{id:int}", RevokeToken);
        return api;
    }

    public static Ok<UserModel> Me(HttpContext http)
    {
        var actor = http.User.ToActor();
        return TypedResults.Ok(new UserModel(actor.Name, actor.Role));
    }

    /// <summary>Links the caller's own Matrix account (an empty value unlinks it): their teams' rooms invite it.</summary>
    public static async Task<Ok<MatrixLinkModel>> LinkMatrix(MatrixLinkModel request, HttpContext http, AccountService accounts, CancellationToken ct)
    {
        var user = await accounts.LinkMatrixAsync(http.User.ToActor(), request.MatrixUserId, ct);
        return TypedResults.Ok(new MatrixLinkModel(user.MatrixUserId));
    }

    /// <summary>Staff take a Matrix account off a person (e.g. one that someone linked who does not own it).</summary>
    public static async Task<NoContent> UnlinkMatrix(string name, HttpContext http, AccountService accounts, CancellationToken ct)
    {
        await accounts.UnlinkMatrixAsync(http.User.ToActor(), name, ct);
        return TypedResults.NoContent();
    }

    public static async Task<Ok<UserModel[]>> ListUsers(HttpContext http, AccountService accounts, CancellationToken ct) =>
        TypedResults.Ok((await accounts.ListUsersAsync(http.User.ToActor(), ct)).Select(u => new UserModel(u.Name, u.Role)).ToArray());

    /// <summary>Staff create accounts; the password (given or generated) is in the answer, once.</summary>
    public static async Task<Created<CreatedUserModel>> CreateUser(CreateUserRequest request, HttpContext http, AccountService accounts, CancellationToken ct)
    {
        var (user, password) = await accounts.CreateUserAsync(http.User.ToActor(), request.Name, request.Role ?? Role.Youth, request.Password, ct);
        http.Response.Headers.CacheControl = "no-store";   // the answer carries a password: no cache may keep it
        return TypedResults.Created($"/api/users/{user.Name}", new CreatedUserModel(user.Name, user.Role, password));
    }

    public static async Task<Ok<TokenModel[]>> ListTokens(HttpContext http, AccountService accounts, CancellationToken ct) =>
        TypedResults.Ok((await accounts.ListTokensAsync(http.User.ToActor(), ct)).Select(TokenModel.From).ToArray());

    /// <summary>A new personal access token for git and the API. It is shown only in this answer.</summary>
    public static async Task<Created<CreatedTokenModel>> CreateToken(CreateTokenRequest? request, HttpContext http, AccountService accounts, CancellationToken ct)
    {
        var (token, plain) = await accounts.CreateTokenAsync(http.User.ToActor(), request?.Name, ct);
        http.Response.Headers.CacheControl = "no-store";   // the answer carries the token: no cache may keep it
        return TypedResults.Created($"/api/tokens/{token.Id}", new CreatedTokenModel(token.Id, token.Name, plain,
            "Speichert das Token jetzt, es wird nicht noch einmal angezeigt. / Store the token now; it is not shown again."));
    }

    public static async Task<NoContent> RevokeToken(int id, HttpContext http, AccountService accounts, CancellationToken ct)
    {
        await accounts.RevokeTokenAsync(http.User.ToActor(), id, ct);
        return TypedResults.NoContent();
    }
}
