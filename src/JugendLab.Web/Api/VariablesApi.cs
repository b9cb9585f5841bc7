using JugendLab.Orchestrator.Deployments;
using JugendLab.Orchestrator.Errors;
using JugendLab.Orchestrator.Projects;
using JugendLab.Web.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JugendLab.Web.Api;

/// <summary>/api/teams/{team}/projects/{project}/variables: environment variables and secrets of a project's app.</summary>
public static class VariablesApi
{
    public static RouteGroupBuilder MapVariablesApi(this RouteGroupBuilder api)
    {
        var variables = api.MapGroup("/teams/{team}/projects/{project}/variables");
        variables.MapGet("/", List)
            .WithDescription("The project's environment variables. Secrets are listed with their name only: their value is never sent back.");
        variables.MapPut("/{name}", Set)
            .WithDescription("Adds or changes a variable: {\"value\": \"…\", \"secret\": true}. Secrets are encrypted at rest and reach " +
                             "only the app's container (never the build, never a log). For an existing secret an empty value keeps it. " +
                             "The app gets the new values when it starts next: a live project is restarted with them at once.");
        variables.MapDelete("/{name}", Remove)
            .WithDescription("Removes a variable; a live project is restarted without it.");
        return api;
    }

    public static async Task<Ok<VariableModel[]>> List(string team, string project, HttpContext http, ProjectVariables variables, CancellationToken ct) =>
        TypedResults.Ok((await variables.ListAsync(http.User.ToActor(), team, project, ct)).Select(VariableModel.From).ToArray());

    public static async Task<Ok<VariablesChangedModel>> Set(string team, string project, string name, SetVariableRequest request, HttpContext http,
        ProjectVariables variables, KeptVersions versions, CancellationToken ct)
    {
        var saved = await variables.SetAsync(http.User.ToActor(), team, project, name, request.Value, request.Secret, ct);
        return await ChangedAsync(team, project, saved, http, variables, versions, ct);
    }

    public static async Task<Ok<VariablesChangedModel>> Remove(string team, string project, string name, HttpContext http,
        ProjectVariables variables, KeptVersions versions, CancellationToken ct)
    {
        var saved = await variables.RemoveAsync(http.User.ToActor(), team, project, name, ct);
        return await ChangedAsync(team, project, saved, http, variables, versions, ct);
    }

    /// <summary>The variables now, and the deployment that restarts a live project with them (null when it is not live).</summary>
    private static async Task<Ok<VariablesChangedModel>> ChangedAsync(string team, string project, Project saved, HttpContext http,
        ProjectVariables variables, KeptVersions versions, CancellationToken ct)
    {
        var actor = http.User.ToActor();
        var language = LanguageChoice.FromAcceptLanguage(http.Request.Headers.AcceptLanguage);
        var list = (await variables.ListAsync(actor, team, project, ct)).Select(VariableModel.From).ToArray();
        try
        {
            return TypedResults.Ok(new VariablesChangedModel(list, await versions.RestartWithSettingsAsync(actor, saved, language, ct)));
        }
        catch (DomainException e) when (e.Kind == ErrorKind.Conflict)
        {
            // The change is saved either way; only the restart waits for the deploy that is running.
            return TypedResults.Ok(new VariablesChangedModel(list, null, e.In(language)));
        }
    }
}
