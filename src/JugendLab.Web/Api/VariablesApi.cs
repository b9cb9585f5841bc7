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

    public static async Task<Ok<VariableModel[]>> Set(string team, string project, string name, SetVariableRequest request, HttpContext http,
        ProjectVariables variables, CancellationToken ct)
    {
        await variables.SetAsync(http.User.ToActor(), team, project, name, request.Value, request.Secret, ct);
        return await List(team, project, http, variables, ct);
    }

    public static async Task<Ok<VariableModel[]>> Remove(string team, string project, string name, HttpContext http,
        ProjectVariables variables, CancellationToken ct)
    {
        await variables.RemoveAsync(http.User.ToActor(), team, project, name, ct);
        return await List(team, project, http, variables, ct);
    }
}
