using System.Text.Json.Serialization;
using JugendLab.Web.Accounts;
using JugendLab.Web.Errors;
using JugendLab.Web.Git;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.Json;

namespace JugendLab.Web.Api;

/// <summary>Registers and maps the people-facing side: sign-in, the JSON API under /api with its OpenAPI document, and the git endpoint.</summary>
public static class PlatformApi
{
    public static IServiceCollection AddPlatformApi(this IServiceCollection services)
    {
        services.AddAuthentication(BasicAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, BasicAuthenticationHandler>(BasicAuthenticationHandler.SchemeName, null);
        services.AddAuthorization();
        services.AddProblemDetails();
        services.AddExceptionHandler<ProblemMapping>();
        // Malformed JSON must reach ProblemMapping as an exception, to become a 400 problem with a readable message.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.Configure<JsonOptions>(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        services.AddOpenApi(o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "JugendLab API";
            document.Info.Description = "Teams, members, projects, deployments with logs, and tokens. Sign in with HTTP Basic " +
                                        "(user name and personal access token or password) or 'Authorization: Bearer <token>'.";
            return Task.CompletedTask;
        }));
        services.AddSingleton<SignInGuard>();
        services.AddSingleton<PlatformUrls>();
        services.AddSingleton<GitHttpBackend>();
        services.AddSingleton<PushSessions>();
        services.AddSingleton<CallbackAddress>();
        services.AddHostedService<FirstStart>();
        return services;
    }

    public static WebApplication MapPlatformApi(this WebApplication app)
    {
        app.MapOpenApi("/api/openapi.json");
        app.MapGroup("/api")
            .RequireAuthorization()
            .MapAccountsApi()
            .MapTeamsApi()
            .MapProjectsApi()
            .MapVariablesApi()
            .MapAuditApi()
            .MapStartersApi()
            .MapAppLogsApi()
            .MapUsageApi()
            .MapRequestsApi()
            .MapWishesApi()
            .MapTeamRequestsApi()
            .MapShowcaseApi()
            .MapMatrixApi();
        app.MapGitEndpoint();
        return app;
    }
}
