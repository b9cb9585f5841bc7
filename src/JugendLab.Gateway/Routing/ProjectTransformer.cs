using JugendLab.Orchestrator.Configuration;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;
using Yarp.ReverseProxy.Forwarder;

namespace JugendLab.Gateway.Routing;

/// <summary>
/// Shapes requests to and responses from project containers: the project sees the host the resident typed, learns who
/// asked through X-Forwarded-* (behind a trusted reverse proxy: the visitor, see <see cref="ClientAddresses"/>), and never sees the platform's cookies; it cannot set cookies for the platform's domain.
/// </summary>
/// <remarks>
/// Built on <see cref="HttpTransformer.Empty"/>'s copying rather than <see cref="HttpTransformer.Default"/>: in YARP 2.3
/// Default drops the original Host, which a project needs to build its own links.
/// </remarks>
internal sealed class ProjectTransformer(IOptions<DomainOptions> domain, IOptions<SignInOptions> signIn) : HttpTransformer
{
    private const string XForwardedFor = "X-Forwarded-For";
    private const string XForwardedProto = "X-Forwarded-Proto";
    private const string XForwardedHost = "X-Forwarded-Host";

    // A resident could send these to fool a project about who is asking; the gateway is the edge, so it alone sets them.
    private static readonly string[] UntrustedHeaders =
        [XForwardedFor, XForwardedProto, XForwardedHost, "X-Forwarded-Prefix", "Forwarded"];

    private readonly string _baseDomain = domain.Value.Base;
    private readonly HashSet<System.Net.IPAddress> _trustedProxies = signIn.Value.TrustedProxies.Select(System.Net.IPAddress.Parse).ToHashSet();

    public override async ValueTask TransformRequestAsync(
        HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
    {
        await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken);

        var request = httpContext.Request;
        proxyRequest.Headers.Host = request.Host.Value;
        SetForwardedHeaders(httpContext, proxyRequest);
        RemovePlatformCookies(request.Headers.Cookie, proxyRequest);
    }

    public override async ValueTask<bool> TransformResponseAsync(
        HttpContext httpContext, HttpResponseMessage? proxyResponse, CancellationToken cancellationToken)
    {
        var proceed = await base.TransformResponseAsync(httpContext, proxyResponse, cancellationToken);
        RemoveCookiesForPlatformDomain(httpContext.Response.Headers);
        return proceed;
    }

    private void SetForwardedHeaders(HttpContext httpContext, HttpRequestMessage proxyRequest)
    {
        var headers = proxyRequest.Headers;
        foreach (var name in UntrustedHeaders) headers.Remove(name);

        // Behind the admin's own reverse proxy, the visitor's address (so the homeserver limits sign-ins per neighbour,
        // not per proxy); otherwise the connection's.
        var remoteAddress = ClientAddresses.Of(httpContext, _trustedProxies);
        if (remoteAddress is not null) headers.TryAddWithoutValidation(XForwardedFor, remoteAddress.ToString());
        headers.TryAddWithoutValidation(XForwardedProto, httpContext.Request.Scheme);
        headers.TryAddWithoutValidation(XForwardedHost, httpContext.Request.Host.Value);
    }

    private static void RemovePlatformCookies(StringValues cookies, HttpRequestMessage proxyRequest)
    {
        if (StringValues.IsNullOrEmpty(cookies)) return;

        // HTTP/2 clients may split cookies over several header lines; YARP joins them, so join the same way to compare.
        var original = cookies.Count == 1 ? cookies[0]! : string.Join("; ", cookies.ToArray());
        var filtered = PlatformCookies.WithoutPlatformCookies(original);
        if (ReferenceEquals(filtered, original)) return;

        proxyRequest.Headers.Remove(HeaderNames.Cookie);
        if (filtered.Length > 0) proxyRequest.Headers.TryAddWithoutValidation(HeaderNames.Cookie, filtered);
    }

    private void RemoveCookiesForPlatformDomain(IHeaderDictionary responseHeaders)
    {
        var setCookies = responseHeaders.SetCookie;
        if (setCookies.Count == 0 || !AnyReachesPlatform(setCookies)) return;

        responseHeaders.SetCookie = setCookies.Where(c => !ReachesPlatform(c)).ToArray();
    }

    // A loop rather than LINQ: this runs on every response that sets a cookie, and usually finds nothing.
    private bool AnyReachesPlatform(StringValues setCookies)
    {
        foreach (var setCookie in setCookies)
        {
            if (ReachesPlatform(setCookie)) return true;
        }
        return false;
    }

    private bool ReachesPlatform(string? setCookie) =>
        setCookie is not null && PlatformCookies.ReachesPlatform(setCookie, _baseDomain);
}
