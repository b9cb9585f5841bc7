using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using JugendLab.Orchestrator.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace JugendLab.Web.Accounts;

/// <summary>
/// Signs people in for the API and git: HTTP Basic with a user name and a personal access token (or, for the API,
/// the password), or "Bearer &lt;token&gt;". No cookies: nothing of the platform can leak to project subdomains.
/// Passwords go through the <see cref="SignInGuard"/> (limits against guessing); tokens do not need it.
/// </summary>
public sealed class BasicAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, AccountService accounts,
    SignInGuard guard, TimeProvider time)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Basic";

    /// <summary>Claim saying how the person signed in: "token" or "password". git accepts only tokens.</summary>
    public const string MethodClaim = "jugendlab:auth-method";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!AuthenticationHeaderValue.TryParse(Request.Headers.Authorization, out var header) || header.Parameter is null)
            return AuthenticateResult.NoResult();

        var (name, secret) = header.Scheme.ToLowerInvariant() switch
        {
            "basic" => Split(header.Parameter),
            "bearer" => (null, header.Parameter),
            _ => (null, null),
        };
        if (secret is null) return AuthenticateResult.NoResult();
        var address = guard.AddressOf(Context);
        if (secret.StartsWith(Secrets.TokenPrefix, StringComparison.Ordinal))
        {
            var owner = await accounts.AuthenticateAsync(name, secret, Context.RequestAborted);
            if (owner is not null) return Success(owner, "token");
            guard.TokenFailed(address);
            return AuthenticateResult.Fail("Wrong user name or token.");
        }
        if (name is null) return AuthenticateResult.Fail("A password needs a user name.");

        var outcome = await guard.SignInWithPasswordAsync(name, address,
            ct => accounts.AuthenticateAsync(name, secret, ct), Context.RequestAborted);
        if (outcome.Refusal is { } refusal)
        {
            Context.Items[typeof(SignInRefusal)] = refusal;   // the challenge answers 429/503 instead of 401
            return AuthenticateResult.Fail("Sign-in refused without checking the password.");
        }
        return outcome.Actor is { } actor ? Success(actor, "password") : AuthenticateResult.Fail("Wrong user name or password.");
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (Context.Items[typeof(SignInRefusal)] is SignInRefusal refusal)
            return SignInAnswers.RefuseAsync(Context, refusal, time.GetUtcNow());
        if (!Request.Path.StartsWithSegments("/git")) return SignInAnswers.UnauthorizedAsync(Context);
        // git sends its first request without credentials and only offers them after this challenge.
        Response.Headers.WWWAuthenticate = "Basic realm=\"JugendLab\", charset=\"UTF-8\"";
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        return Task.CompletedTask;
    }

    private AuthenticateResult Success(Actor actor, string method)
    {
        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, actor.UserId.ToString()),
            new Claim(ClaimTypes.Name, actor.Name),
            new Claim(ClaimTypes.Role, actor.Role.ToString()),
            new Claim(MethodClaim, method),
        ], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    private static (string? Name, string? Secret) Split(string parameter)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(parameter));
            var colon = text.IndexOf(':');
            return colon < 0 ? (null, null) : (text[..colon], text[(colon + 1)..]);
        }
        catch (FormatException)
        {
            return (null, null);
        }
    }
}

/// <summary>Reads the signed-in person back from the request.</summary>
public static class ActorClaims
{
    /// <summary>The claims a session cookie carries: the same as a Basic sign-in's, so <see cref="ToActor"/> reads both.</summary>
    public static ClaimsPrincipal ToPrincipal(this Actor actor, string scheme) => new(new ClaimsIdentity(
    [
        new Claim(ClaimTypes.NameIdentifier, actor.UserId.ToString()),
        new Claim(ClaimTypes.Name, actor.Name),
        new Claim(ClaimTypes.Role, actor.Role.ToString()),
        new Claim(BasicAuthenticationHandler.MethodClaim, "password"),
    ], scheme));

    public static Actor ToActor(this ClaimsPrincipal user) => new(
        int.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier)!),
        user.FindFirstValue(ClaimTypes.Name)!,
        Enum.Parse<Role>(user.FindFirstValue(ClaimTypes.Role)!));
}
