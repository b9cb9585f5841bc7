using JugendLab.Gateway.ErrorPages;
using JugendLab.Gateway.Matrix;
using JugendLab.Orchestrator.Configuration;
using JugendLab.Orchestrator.Matrix;
using JugendLab.Orchestrator.Routing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Forwarder;

namespace JugendLab.Gateway.Routing;

/// <summary>
/// Decides per request by host name: a project's host goes to its live container, or to its files for a static website
/// (or gets a friendly page); every other host goes on to the platform's own pipeline.
/// </summary>
/// <remarks>
/// The hot path takes no lock and writes no log: the route table is an immutable snapshot read once per request, and
/// the forwarder's own per-request logging is filtered out in <see cref="GatewayServiceCollectionExtensions.AddGateway"/>.
/// </remarks>
internal sealed class ProjectForwardingMiddleware(
    RequestDelegate next,
    IRouteTableSource routes,
    IOptions<DomainOptions> domainOptions,
    IOptions<MatrixOptions> matrixOptions,
    HomeserverEndpoint homeserver,
    IHttpForwarder forwarder,
    ProjectHttpClient client,
    ProjectTransformer transformer,
    SiteFileServer sites)
{
    private readonly DomainOptions _domain = domainOptions.Value;
    private readonly string _baseSuffix = "." + domainOptions.Value.ProjectsDomain;
    private readonly MatrixOptions _matrix = matrixOptions.Value;
    private readonly bool _runsOwnHomeserver = matrixOptions.Value.RunsOwnHomeserver; // read once: options do not change while it runs
    private readonly string _homeserverHost = HomeserverConfig.Host(domainOptions.Value);

    public Task InvokeAsync(HttpContext context)
    {
        // "demo.lab.localhost." is the same name as "demo.lab.localhost" to DNS; treat it so.
        var host = context.Request.Host.Host.TrimEnd('.');

        if (_runsOwnHomeserver && string.Equals(host, _homeserverHost, StringComparison.OrdinalIgnoreCase))
            return HandleHomeserverAsync(context);
        if (_matrix.Enabled && _domain.IsPlatformHost(host) && context.Request.Path.StartsWithSegments(MatrixWellKnown.Prefix))
            return MatrixWellKnown.WriteAsync(context, _matrix, _domain);

        var slug = _domain.SlugOf(host);
        if (slug is not null) return HandleProjectAsync(context, slug);

        if (IsBelowBaseDomain(host))
        {
            // "a.b.lab.localhost" or ".lab.localhost": under our domain, so ours to answer, but never a project.
            var name = host[..^_baseSuffix.Length];
            return FriendlyPageWriter.WriteAsync(context, FriendlyPages.ProjectNotFound, name, ReportUrl(name), context.RequestAborted);
        }

        // The platform itself (the base domain) and any other name: the web app, the API, the git endpoint.
        return next(context);
    }

    /// <summary>"Problem melden" for a project lives on the platform's own address, never on the project's.</summary>
    private string ReportUrl(string slug) => $"{_domain.PublicUrl.TrimEnd('/')}/melden/{Uri.EscapeDataString(slug)}";

    private bool IsBelowBaseDomain(string host) => host.EndsWith(_baseSuffix, StringComparison.OrdinalIgnoreCase);

    private Task HandleProjectAsync(HttpContext context, string slug)
    {
        var route = routes.Current.Find(slug);
        if (route is { State: RouteState.Live, SiteRoot: { } root })
        {
            return ServeFilesAsync(context, slug, root);
        }
        if (route is { State: RouteState.Live, Destination: { } destination })
        {
            return ForwardAsync(context, slug, destination);
        }

        return FriendlyPageWriter.WriteAsync(context, PageFor(route), slug, ReportUrl(slug), context.RequestAborted);
    }

    /// <summary>
    /// The homeserver's client API, and nothing else of it: its admin API (<c>/_synapse/admin</c>) and every other path
    /// are not found from outside; the platform reaches them on the homeserver's own network.
    /// </summary>
    private Task HandleHomeserverAsync(HttpContext context)
    {
        var path = context.Request.Path;
        if (path.StartsWithSegments(MatrixWellKnown.Prefix)) return MatrixWellKnown.WriteAsync(context, _matrix, _domain);
        if (!path.StartsWithSegments("/_matrix") && !path.StartsWithSegments("/_synapse/client"))
            return MatrixErrorAsync(context, StatusCodes.Status404NotFound, "M_UNRECOGNIZED", "Unrecognized request");
        if (homeserver.Address is not { } address)
            return MatrixErrorAsync(context, StatusCodes.Status503ServiceUnavailable, "M_UNKNOWN",
                "The neighbourhood's homeserver is starting or down. Try again in a minute.");
        return ForwardToHomeserverAsync(context, address);
    }

    private async Task ForwardToHomeserverAsync(HttpContext context, string address)
    {
        var error = await forwarder.SendAsync(context, address, client.Invoker, client.RequestConfig, transformer, context.RequestAborted);
        if (error == ForwarderError.None || context.Response.HasStarted || context.RequestAborted.IsCancellationRequested) return;
        if (context.Response.StatusCode is StatusCodes.Status502BadGateway or StatusCodes.Status504GatewayTimeout)
            await MatrixErrorAsync(context, context.Response.StatusCode, "M_UNKNOWN",
                "The neighbourhood's homeserver is not answering. Try again in a minute.");
    }

    /// <summary>An error as Matrix apps expect one (JSON with an errcode), never an HTML page.</summary>
    private static Task MatrixErrorAsync(HttpContext context, int status, string code, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.Headers.AccessControlAllowOrigin = "*";
        return context.Response.WriteAsync(
            System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, string> { ["errcode"] = code, ["error"] = message }), context.RequestAborted);
    }

    private static FriendlyPage PageFor(ProjectRoute? route) => route?.State switch
    {
        null => FriendlyPages.ProjectNotFound,
        RouteState.NotDeployed => FriendlyPages.NotDeployed,
        RouteState.Stopped => FriendlyPages.Stopped,
        RouteState.Crashed => FriendlyPages.Crashed,
        RouteState.UnderReview => FriendlyPages.UnderReview,
        // Live without an address is the orchestrator's bug, but to a resident it looks like a project not answering.
        _ => FriendlyPages.NotAnswering,
    };

    /// <summary>A static website: its files, its own 404.html, or the platform's "page not found".</summary>
    private async Task ServeFilesAsync(HttpContext context, string slug, string root)
    {
        if (await sites.TryServeAsync(context, root)) return;
        await FriendlyPageWriter.WriteAsync(context, FriendlyPages.PageNotFound, slug, ReportUrl(slug), context.RequestAborted);
    }

    private async Task ForwardAsync(HttpContext context, string slug, string destination)
    {
        var aborted = context.RequestAborted;
        var error = await forwarder.SendAsync(
            context, destination, client.Invoker, client.RequestConfig, transformer, aborted);

        // The forwarder has logged the error (at Warning) and chosen a status. Once the response has started, or the
        // resident has gone, there is nobody left to show a page to.
        if (error == ForwarderError.None || context.Response.HasStarted || aborted.IsCancellationRequested) return;

        // 502: the container could not be reached or broke off; 504: it took too long. Other codes (400 for a broken
        // request body) are the resident's side and keep YARP's plain answer.
        var status = context.Response.StatusCode;
        if (status is StatusCodes.Status502BadGateway or StatusCodes.Status504GatewayTimeout)
        {
            await FriendlyPageWriter.WriteAsync(context, FriendlyPages.NotAnswering, status, slug, ReportUrl(slug), aborted);
        }
    }
}
