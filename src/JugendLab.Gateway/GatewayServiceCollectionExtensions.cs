using JugendLab.Gateway.Routing;
using JugendLab.Orchestrator.Configuration;
using JugendLab.Orchestrator.Routing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace JugendLab.Gateway;

/// <summary>Adds the gateway: requests for <c>&lt;slug&gt;.&lt;base domain&gt;</c> go to the project's live container, or to its files.</summary>
public static class GatewayServiceCollectionExtensions
{
    /// <summary>
    /// Registers the forwarder, its connection pool and options. The host must also register the orchestrator's
    /// <see cref="IRouteTableSource"/> (the <see cref="RoutePublisher"/>).
    /// </summary>
    public static IServiceCollection AddGateway(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<GatewayOptions>()
            .Bind(configuration.GetSection(GatewayOptions.Section))
            .Validate(o => o.IsValid(), $"{GatewayOptions.Section}: every timeout and lifetime must be greater than zero.")
            .ValidateOnStart();
        // Harmless when the host binds it too: both bind the same section.
        services.AddOptions<DomainOptions>().Bind(configuration.GetSection(DomainOptions.Section));
        services.AddOptions<MatrixOptions>().Bind(configuration.GetSection(MatrixOptions.Section));
        services.TryAddSingleton<JugendLab.Orchestrator.Matrix.HomeserverEndpoint>();

        services.AddHttpForwarder();
        services.TryAddSingleton<ProjectHttpClient>();
        services.TryAddSingleton<ProjectTransformer>();
        services.TryAddSingleton<SiteContentTypes>();
        services.TryAddSingleton<SiteFileServer>();

        // YARP's forwarder logs two Information lines for every request, which costs a fifth of the throughput
        // (FACTS, "Proxy performance"). Errors still come through at Warning. To see the per-request lines while
        // debugging, set a level for "Yarp.ReverseProxy.Forwarder.HttpForwarder" in configuration.
        //
        // ASP.NET Core's hosting layer starts a log scope and an Activity for every request as soon as its category logs
        // at any level, only so that log lines can carry the request's id: about 900 bytes and a quarter of what a
        // proxied request allocates (measured with dotnet-counters, bench/run). Its own lines are Debug and Information,
        // which the platform does not show anyway; startup errors still end the process with the exception printed.
        services.AddLogging(logging => logging
            .AddFilter("Yarp.ReverseProxy.Forwarder", LogLevel.Warning)
            .AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None));
        return services;
    }

    /// <summary>
    /// Puts the gateway in front of the pipeline: call it before routing, authentication and endpoints, so project
    /// requests never meet the platform's middleware and the platform's requests pass through untouched.
    /// </summary>
    public static IApplicationBuilder UseGateway(this IApplicationBuilder app)
    {
        if (app.ApplicationServices.GetService<IRouteTableSource>() is null)
        {
            throw new InvalidOperationException(
                "The gateway needs the route table: register the orchestrator's RoutePublisher as IRouteTableSource before UseGateway().");
        }
        return app.UseMiddleware<ProjectForwardingMiddleware>();
    }
}
