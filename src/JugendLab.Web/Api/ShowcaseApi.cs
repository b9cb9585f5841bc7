using JugendLab.Orchestrator.Errors;
using JugendLab.Orchestrator.Showcase;
using JugendLab.Web.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JugendLab.Web.Api;

/// <summary>/api/showcase: remixing a project from the Schaufenster into a new project of one's own team.</summary>
public static class ShowcaseApi
{
    public static RouteGroupBuilder MapShowcaseApi(this RouteGroupBuilder api)
    {
        api.MapPost("/showcase/{project}/remix", Remix)
            .WithDescription("Remixes a project of the showcase (shown, online, and its team allows remixing) into a new project " +
                             "\"name\" of your team \"team\" (not the original's). The new project gets the files of the original's " +
                             "live version as one first commit by JugendLab that names the original and its team (not its history, " +
                             "variables or secrets), a hidden showcase entry that credits the original, and its first deploy at once: " +
                             "follow it under /deployments/{firstDeploymentId}. 404 when the showcase has no such project online, " +
                             "403 when its team does not allow remixing or you are not in the team, 409 when the name is taken, " +
                             "422 when the team's quota is used up.");
        return api;
    }

    public static async Task<Created<ProjectModel>> Remix(string project, RemixRequest request, HttpContext http, RemixService remixes,
        PlatformUrls urls, CancellationToken ct)
    {
        var language = LanguageChoice.FromAcceptLanguage(http.Request.Headers.AcceptLanguage);
        var (copy, deploymentId) = await remixes.RemixAsync(http.User.ToActor(), project, request.Team, request.Name, language, ct);
        return TypedResults.Created($"/api/teams/{copy.Team.Name}/projects/{copy.Slug}", urls.Describe(copy) with { FirstDeploymentId = deploymentId });
    }
}

/// <summary>Which of your teams the remix goes into, and the new project's name.</summary>
public sealed record RemixRequest(string Team, string Name);
