using JugendLab.Orchestrator.Configuration;
using JugendLab.Orchestrator.Errors;
using JugendLab.Orchestrator.Projects;
using JugendLab.Orchestrator.State;
using JugendLab.Web.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace JugendLab.Web.Git;

/// <summary>
/// /git/{team}/{project}.git — the project's git remote over smart HTTP. Authenticates the pusher (name + token),
/// checks the team, and hands the request to the real git http-backend, with what the pre-receive hook needs to call back.
/// </summary>
public static class GitEndpoint
{
    public static IEndpointRouteBuilder MapGitEndpoint(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/git/{team}/{repo}/{**rest}", ["GET", "POST"], HandleAsync).ExcludeFromDescription();
        app.MapPost(CallbackAddress.PushCallbackPath, PushCallback.HandleAsync).ExcludeFromDescription().DisableAntiforgery();
        app.MapPost(CallbackAddress.PushCheckPath, PushCallback.CheckAsync).ExcludeFromDescription().DisableAntiforgery();
        return app;
    }

    private static async Task HandleAsync(HttpContext http, string team, string repo, string? rest, JugendLabDb db,
        ProjectRepositories repositories, GitHttpBackend backend, PushSessions sessions, CallbackAddress callback,
        IOptions<BuildOptions> build)
    {
        var language = LanguageChoice.FromAcceptLanguage(http.Request.Headers.AcceptLanguage);
        var auth = await http.AuthenticateAsync(BasicAuthenticationHandler.SchemeName);
        if (!auth.Succeeded)
        {
            await http.ChallengeAsync(BasicAuthenticationHandler.SchemeName);
            if (http.Response.StatusCode != StatusCodes.Status401Unauthorized) return;   // refused (429/503): the answer says why
            await http.Response.WriteAsync(language == Language.English
                ? "Sign in with your user name and a personal access token (POST /api/tokens makes one).\n"
                : "Meldet euch mit eurem Namen und einem persönlichen Token an (POST /api/tokens erstellt eins).\n");
            return;
        }
        if (auth.Principal!.FindFirst(BasicAuthenticationHandler.MethodClaim)?.Value != "token")
        {
            // A password typed into git would end up in shell history and credential stores; tokens can be revoked.
            await RefuseAsync(http, StatusCodes.Status403Forbidden, language,
                "Für git braucht ihr ein persönliches Token statt des Passworts (POST /api/tokens erstellt eins).",
                "git needs a personal access token instead of your password (POST /api/tokens makes one).");
            return;
        }
        var actor = auth.Principal!.ToActor();
        var slug = repo.EndsWith(".git", StringComparison.Ordinal) ? repo[..^4] : repo;
        var project = await db.Projects.Include(p => p.Team).SingleOrDefaultAsync(p => p.Slug == slug && p.Team.Name == team, http.RequestAborted);
        if (project is null)
        {
            await RefuseAsync(http, StatusCodes.Status404NotFound, language,
                $"Das Projekt {team}/{slug} gibt es nicht. Prüft die Adresse (git remote -v).",
                $"There is no project {team}/{slug}. Check the address (git remote -v).");
            return;
        }
        if (!actor.IsStaff && !project.Team.HasMember(actor.UserId))
        {
            await RefuseAsync(http, StatusCodes.Status403Forbidden, language,
                $"{actor.Name} ist nicht Mitglied im Team „{team}“ und darf hier nicht pushen.",
                $"{actor.Name} is not a member of team \"{team}\" and may not push here.");
            return;
        }
        var repository = await repositories.FindAsync(team, slug, http.RequestAborted)
                         ?? await repositories.CreateAsync(team, slug, http.RequestAborted);

        var environment = new Dictionary<string, string> { ["JUGENDLAB_DEPLOY_BRANCH"] = project.DeployBranch };
        string? token = null;
        if (HttpMethods.IsPost(http.Request.Method) && rest == "git-receive-pack")
        {
            token = sessions.Open(new PushSession(actor, project.Id, repository, language));
            environment["JUGENDLAB_PUSH_TOKEN"] = token;
            environment["JUGENDLAB_CALLBACK_URL"] = callback.PushCallbackUrl();
            environment["JUGENDLAB_CHECK_URL"] = callback.PushCheckUrl();
        }
        try
        {
            var limit = build.Value.MaxPushMb;
            await backend.RunAsync(http, new GitCgiRequest(repositories.Root, $"/{team}/{slug}.git/{rest}", actor.Name, environment,
                limit * 1024L * 1024L)
            {
                TooLargeMessage = language == Language.English
                    ? $"Push refused: it is larger than the limit of {limit} MB per push. Keep big files (videos, builds, node_modules) out of git."
                    : $"Push abgelehnt: er ist grösser als das Limit von {limit} MB pro Push. Lasst grosse Dateien (Videos, Builds, node_modules) aus git heraus.",
            });
        }
        finally
        {
            if (token is not null) sessions.Close(token);
        }
    }

    /// <summary>git prints a text/plain error body as "remote: …" lines, so the pusher reads why.</summary>
    private static async Task RefuseAsync(HttpContext http, int status, Language language, string german, string english)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "text/plain; charset=utf-8";
        await http.Response.WriteAsync((language == Language.English ? english : german) + "\n");
    }
}
