using JugendLab.Orchestrator.Configuration;
using JugendLab.Orchestrator.Errors;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace JugendLab.Web.Api;

/// <summary>
/// Keeps the API from being driven by a page in a visitor's browser (issue 9). Projects are same-site subdomains of the
/// platform, so SameSite rules do not separate them: for POST/PUT/PATCH/DELETE on /api this refuses an Origin other than
/// the platform's own, and the "simple" content types a page can send without a CORS preflight (forms, plain text).
/// curl sends no Origin, and `curl --json` or a body-less `curl -X POST` pass.
/// </summary>
public static class CrossSiteGuard
{
    private static readonly string[] SimpleContentTypes = ["application/x-www-form-urlencoded", "multipart/form-data", "text/plain"];

    /// <summary>Runs before sign-in, so a refused request costs no password check.</summary>
    public static IApplicationBuilder UseCrossSiteGuard(this IApplicationBuilder app)
    {
        var publicUrl = app.ApplicationServices.GetRequiredService<IOptions<DomainOptions>>().Value.PublicUrl;
        var platformOrigin = new Uri(publicUrl).GetLeftPart(UriPartial.Authority);
        return app.Use(async (http, next) =>
        {
            if (http.Request.Path.StartsWithSegments("/api") && ChangesState(http.Request.Method)
                && Refusal(http.Request, platformOrigin) is { } refusal)
            {
                await RefuseAsync(http, refusal.Status, refusal.German, refusal.English);
                return;
            }
            await next(http);
        });
    }

    private static (int Status, string German, string English)? Refusal(HttpRequest request, string platformOrigin)
    {
        var origin = request.Headers.Origin.ToString();
        if (request.Headers.Origin.Count > 0 && !string.Equals(origin, platformOrigin, StringComparison.OrdinalIgnoreCase))
        {
            var shown = origin.Length > 100 ? origin[..100] + "…" : origin;
            return (StatusCodes.Status403Forbidden,
                $"Die API nimmt keine Änderungen von anderen Webseiten an (Origin: {shown}). Ruf sie direkt auf, zum Beispiel mit curl, " +
                $"oder von {platformOrigin} aus.",
                $"The API accepts no changes from other web pages (Origin: {shown}). Call it directly, for example with curl, " +
                $"or from {platformOrigin}.");
        }
        if (MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
            && SimpleContentTypes.Any(t => type.MediaType.Equals(t, StringComparison.OrdinalIgnoreCase)))
            return (StatusCodes.Status415UnsupportedMediaType,
                $"Die API nimmt nur JSON an, nicht {type.MediaType}. Schick den Inhalt mit «Content-Type: application/json» " +
                "(curl --json '{…}' macht das) oder ganz ohne Inhalt.",
                $"The API takes JSON only, not {type.MediaType}. Send the body with \"Content-Type: application/json\" " +
                "(curl --json '{…}' does that) or send no body at all.");
        return null;
    }

    private static bool ChangesState(string method) =>
        HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method) || HttpMethods.IsDelete(method);

    private static async Task RefuseAsync(HttpContext http, int status, string german, string english)
    {
        var language = LanguageChoice.FromAcceptLanguage(http.Request.Headers.AcceptLanguage);
        var inEnglish = language == Language.English;
        http.Response.StatusCode = status;
        var problem = new ProblemDetails
        {
            Status = status,
            Title = status == StatusCodes.Status403Forbidden
                ? (inEnglish ? "Forbidden" : "Nicht erlaubt")
                : (inEnglish ? "Unsupported media type" : "Falsches Format"),
            Detail = inEnglish ? english : german,
        };
        if (!await http.RequestServices.GetRequiredService<IProblemDetailsService>()
                .TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem }))
            await http.Response.WriteAsync(problem.Detail + "\n");
    }
}
