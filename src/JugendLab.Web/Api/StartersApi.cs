using JugendLab.Orchestrator.Errors;
using JugendLab.Orchestrator.Projects;
using JugendLab.Web.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JugendLab.Web.Api;

/// <summary>/api/starters and the project name check: what "Neues Projekt" offers, for scripts and other clients.</summary>
public static class StartersApi
{
    public static RouteGroupBuilder MapStartersApi(this RouteGroupBuilder api)
    {
        api.MapGet("/starters", List)
            .WithDescription("The starters a new project can begin with (POST /api/teams/{team}/projects with \"starter\": key): " +
                             "key, the template the platform builds it with, and title and description in the caller's language " +
                             "(Accept-Language: German unless English is preferred). \"git\" (with \"gitUrl\") takes the code from a git address instead.");
        api.MapGet("/teams/{team}/project-name-check", CheckName)
            .WithDescription("Whether ?name= can be a new project's name: valid by the rules and not taken on the platform. " +
                             "A refused name comes with the reason and, when there is one, a free name to try; `rules` says the rules in words.");
        return api;
    }

    public static Ok<StarterModel[]> List(HttpContext http)
    {
        var language = LanguageChoice.FromAcceptLanguage(http.Request.Headers.AcceptLanguage);
        return TypedResults.Ok(Starter.All
            .Select(s => new StarterModel(s.Key, s.Template, s.Title(language), s.Description(language)))
            .ToArray());
    }

    public static async Task<Ok<ProjectNameCheckModel>> CheckName(string team, string? name, HttpContext http, NewProjectService projects,
        CancellationToken ct)
    {
        var language = LanguageChoice.FromAcceptLanguage(http.Request.Headers.AcceptLanguage);
        var check = await projects.CheckNameAsync(http.User.ToActor(), team, name, ct);
        return TypedResults.Ok(new ProjectNameCheckModel(check.Name, check.Available, check.Problem(language), NewProjectService.Rules(language)));
    }
}

/// <summary>One starter, in the caller's language.</summary>
public sealed record StarterModel(string Key, Template Template, string Title, string Description);

/// <summary>The answer of the name check: the name as it would be used, whether it is free, why not, and the rules in words.</summary>
public sealed record ProjectNameCheckModel(string Name, bool Available, string? Problem, string Rules);
