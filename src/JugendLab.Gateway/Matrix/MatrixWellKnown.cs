using System.Text.Json;
using JugendLab.Orchestrator.Configuration;
using JugendLab.Orchestrator.Matrix;
using Microsoft.AspNetCore.Http;

namespace JugendLab.Gateway.Matrix;

/// <summary>
/// <c>/.well-known/matrix/client</c> and <c>/server</c> on the base domain: how a Matrix app (and, with federation,
/// another server) finds the homeserver of user IDs like <c>@mia:&lt;base domain&gt;</c>. JSON, readable from any web page (CORS).
/// </summary>
internal static class MatrixWellKnown
{
    public const string Prefix = "/.well-known/matrix";

    public static Task WriteAsync(HttpContext context, MatrixOptions matrix, DomainOptions domain)
    {
        var response = context.Response;
        response.Headers.AccessControlAllowOrigin = "*";
        response.Headers.AccessControlAllowMethods = "GET, HEAD, OPTIONS";
        response.Headers.AccessControlAllowHeaders = "X-Requested-With, Content-Type, Authorization";
        if (HttpMethods.IsOptions(context.Request.Method))
        {
            response.StatusCode = StatusCodes.Status204NoContent;
            return Task.CompletedTask;
        }

        object? body = context.Request.Path.Value?.TrimEnd('/') switch
        {
            Prefix + "/client" => new Dictionary<string, object> { ["m.homeserver"] = new Dictionary<string, string> { ["base_url"] = ClientUrl(matrix, domain) } },
            Prefix + "/server" => new Dictionary<string, string> { ["m.server"] = ServerAddress(matrix, domain) },
            _ => null,
        };
        if (body is null)
        {
            response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }
        response.ContentType = "application/json";
        response.Headers.CacheControl = "public, max-age=3600";
        return response.WriteAsync(JsonSerializer.Serialize(body), context.RequestAborted);
    }

    private static string ClientUrl(MatrixOptions matrix, DomainOptions domain) =>
        matrix.RunsOwnHomeserver ? HomeserverConfig.PublicBaseUrl(domain).TrimEnd('/') : matrix.ExistingHomeserverUrl.TrimEnd('/');

    /// <summary>Host and port other servers connect to: the homeserver's host, on the HTTPS port.</summary>
    private static string ServerAddress(MatrixOptions matrix, DomainOptions domain)
    {
        var url = new Uri(ClientUrl(matrix, domain));
        return $"{url.Host}:{(url.Scheme == Uri.UriSchemeHttps ? url.Port : 443)}";
    }
}
