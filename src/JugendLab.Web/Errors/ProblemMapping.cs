using JugendLab.Orchestrator.Accounts;
using JugendLab.Orchestrator.Errors;
using JugendLab.Orchestrator.Runtime;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace JugendLab.Web.Errors;

/// <summary>
/// The one place where failures become problem details (RFC 9457), with a message in the caller's language
/// (German unless Accept-Language prefers English).
/// </summary>
public sealed class ProblemMapping(IProblemDetailsService problems, ILogger<ProblemMapping> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        var language = LanguageChoice.FromAcceptLanguage(context.Request.Headers.AcceptLanguage);
        var (status, title, detail) = exception switch
        {
            DomainException e => (StatusOf(e.Kind), TitleOf(e.Kind, language), e.In(language)),
            BadHttpRequestException e => (StatusCodes.Status400BadRequest, Pick(language, "Ungültige Anfrage", "Bad request"),
                Pick(language,
                    $"Die Anfrage liess sich nicht lesen: {e.Message} Schickt gültiges JSON mit den Feldern, die die API-Beschreibung unter /api/openapi.json nennt.",
                    $"The request could not be read: {e.Message} Send valid JSON with the fields described in /api/openapi.json.")),
            HashingBusyException => (StatusCodes.Status503ServiceUnavailable, Pick(language, "Gerade überlastet", "Busy right now"),
                Pick(language, "Die Plattform prüft gerade zu viele Passwörter. Versuch es in ein paar Sekunden wieder.",
                    "The platform is checking too many passwords right now. Try again in a few seconds.")),
            EngineUnreachableException e => (StatusCodes.Status503ServiceUnavailable, Pick(language, "Docker läuft nicht", "Docker is not running"), e.Message),
            _ => (StatusCodes.Status500InternalServerError, Pick(language, "Interner Fehler", "Internal error"),
                Pick(language, "Etwas ist schiefgegangen. Die Admins finden die Details im Log der Plattform.",
                    "Something went wrong. The admins find the details in the platform's log.")),
        };
        if (status >= 500) logger.LogError(exception, "Request {Path} failed", context.Request.Path);
        context.Response.StatusCode = status;
        if (exception is HashingBusyException busy)
            context.Response.Headers.RetryAfter = ((int)Math.Ceiling(busy.RetryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }

    private static int StatusOf(ErrorKind kind) => kind switch
    {
        ErrorKind.Invalid => StatusCodes.Status400BadRequest,
        ErrorKind.NotFound => StatusCodes.Status404NotFound,
        ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        ErrorKind.Conflict => StatusCodes.Status409Conflict,
        ErrorKind.QuotaExceeded => StatusCodes.Status422UnprocessableEntity,
        ErrorKind.TooLarge => StatusCodes.Status413PayloadTooLarge,
        ErrorKind.TooMany => StatusCodes.Status429TooManyRequests,
        ErrorKind.Unavailable => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status400BadRequest,
    };

    private static string TitleOf(ErrorKind kind, Language language) => kind switch
    {
        ErrorKind.Invalid => Pick(language, "Ungültige Eingabe", "Invalid input"),
        ErrorKind.NotFound => Pick(language, "Nicht gefunden", "Not found"),
        ErrorKind.Forbidden => Pick(language, "Nicht erlaubt", "Forbidden"),
        ErrorKind.Conflict => Pick(language, "Schon vorhanden", "Conflict"),
        ErrorKind.QuotaExceeded => Pick(language, "Quota überschritten", "Quota exceeded"),
        ErrorKind.TooLarge => Pick(language, "Zu gross", "Too large"),
        ErrorKind.TooMany => Pick(language, "Zu viele auf einmal", "Too many"),
        ErrorKind.Unavailable => Pick(language, "Gerade nicht verfügbar", "Unavailable"),
        _ => Pick(language, "Fehler", "Error"),
    };

    private static string Pick(Language language, string german, string english) => language == Language.English ? english : german;
}
