using System.Text;
using Microsoft.AspNetCore.Http;

namespace JugendLab.Gateway.ErrorPages;

/// <summary>Sends a friendly page as the whole response, with headers that keep it from being cached, sniffed or scripted.</summary>
internal static class FriendlyPageWriter
{
    public static Task WriteAsync(HttpContext context, FriendlyPage page, string slug, string reportUrl, CancellationToken cancellationToken) =>
        WriteAsync(context, page, page.StatusCode, slug, reportUrl, cancellationToken);

    public static async Task WriteAsync(
        HttpContext context, FriendlyPage page, int statusCode, string slug, string reportUrl, CancellationToken cancellationToken)
    {
        var response = context.Response;
        // Whatever a failed forward left behind (status, copied headers) must not leak into the page.
        response.Clear();
        response.StatusCode = statusCode;

        var headers = response.Headers;
        headers.ContentType = "text/html; charset=utf-8";
        // The same address shows the real project a moment later: never cache the excuse.
        headers.CacheControl = "no-store";
        headers.XContentTypeOptions = "nosniff";
        headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'";

        var body = Encoding.UTF8.GetBytes(page.Render(slug, reportUrl));
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, cancellationToken);
    }
}
