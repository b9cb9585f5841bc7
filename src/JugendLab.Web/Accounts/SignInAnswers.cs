using System.Globalization;
using JugendLab.Orchestrator.Errors;
using Microsoft.AspNetCore.Mvc;

namespace JugendLab.Web.Accounts;

/// <summary>
/// What a person reads when sign-in did not work: problem details (RFC 9457) for the API, plain text for git (which
/// prints it as "remote:" lines). German unless Accept-Language prefers English.
/// </summary>
public static class SignInAnswers
{
    /// <summary>401 for the API. The challenge is "Bearer", never "Basic": a browser would remember Basic credentials for
    /// the platform and send them along when a project's page (a same-site subdomain) makes requests to /api.</summary>
    public static Task UnauthorizedAsync(HttpContext http)
    {
        var language = LanguageChoice.FromAcceptLanguage(http.Request.Headers.AcceptLanguage);
        http.Response.StatusCode = StatusCodes.Status401Unauthorized;
        http.Response.Headers.WWWAuthenticate = "Bearer realm=\"JugendLab\"";
        return WriteProblemAsync(http, Pick(language, "Nicht angemeldet", "Not signed in"), Pick(language,
            "Name, Zugangs-Token oder Passwort fehlen oder stimmen nicht. Melde dich mit HTTP Basic an (curl -u name:jlt_… oder " +
            "name:passwort) oder mit dem Header «Authorization: Bearer jlt_…».",
            "The user name, token or password is missing or wrong. Sign in with HTTP Basic (curl -u name:jlt_… or " +
            "name:password) or with the header \"Authorization: Bearer jlt_…\"."), null);
    }

    /// <summary>429 or 503 with Retry-After, saying when to try again.</summary>
    public static Task RefuseAsync(HttpContext http, SignInRefusal refusal, DateTimeOffset now)
    {
        var language = LanguageChoice.FromAcceptLanguage(http.Request.Headers.AcceptLanguage);
        var seconds = refusal.RetryAfterSeconds(now);
        var (title, detail) = Describe(refusal.Reason, language, seconds, now.AddSeconds(seconds));
        http.Response.StatusCode = refusal.Status;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        if (http.Request.Path.StartsWithSegments("/git"))
        {
            http.Response.ContentType = "text/plain; charset=utf-8";
            return http.Response.WriteAsync(detail + "\n");
        }
        return WriteProblemAsync(http, title, detail, seconds);
    }

    private static (string Title, string Detail) Describe(RefusalReason reason, Language language, int seconds, DateTimeOffset at)
    {
        var when = Pick(language, $"in {Duration(seconds, language)} (ab {at:HH:mm:ss} UTC)", $"in {Duration(seconds, language)} (from {at:HH:mm:ss} UTC)");
        return reason switch
        {
            RefusalReason.TooManyFailures => (Pick(language, "Zu viele Fehlversuche", "Too many failed sign-ins"), Pick(language,
                $"Zu viele falsche Anmeldungen für diesen Namen oder von deiner Adresse. Versuch es {when} wieder. Bis dann prüft " +
                "die Plattform kein Passwort. Mit einem Zugangs-Token (Authorization: Bearer jlt_…) geht es sofort.",
                $"Too many failed sign-ins for this name or from your address. Try again {when}; until then no password is " +
                "checked. A token (Authorization: Bearer jlt_…) works right away.")),
            RefusalReason.TooManyAtOnce => (Pick(language, "Zu viele Anmeldungen gleichzeitig", "Too many sign-ins at once"), Pick(language,
                $"Von deiner Adresse kommen gerade zu viele Anmeldungen mit Passwort gleichzeitig. Versuch es {when} wieder, " +
                "oder nimm ein Zugangs-Token (Authorization: Bearer jlt_…).",
                $"Too many password sign-ins from your address at the same time. Try again {when}, or use a token " +
                "(Authorization: Bearer jlt_…).")),
            _ => (Pick(language, "Anmeldung überlastet", "Sign-in busy"), Pick(language,
                $"Gerade prüft die Plattform zu viele Passwörter. Versuch es {when} wieder, oder nimm ein Zugangs-Token " +
                "(Authorization: Bearer jlt_…): das geht immer.",
                $"The platform is checking too many passwords right now. Try again {when}, or use a token " +
                "(Authorization: Bearer jlt_…): that always works.")),
        };
    }

    private static string Duration(int seconds, Language language) => seconds switch
    {
        1 => Pick(language, "1 Sekunde", "1 second"),
        < 120 => Pick(language, $"{seconds} Sekunden", $"{seconds} seconds"),
        _ => Pick(language, $"{(seconds + 59) / 60} Minuten", $"{(seconds + 59) / 60} minutes"),
    };

    private static async Task WriteProblemAsync(HttpContext http, string title, string detail, int? retryAfterSeconds)
    {
        var problem = new ProblemDetails { Status = http.Response.StatusCode, Title = title, Detail = detail };
        if (retryAfterSeconds is { } seconds) problem.Extensions["retryAfter"] = seconds;
        var written = await http.RequestServices.GetRequiredService<IProblemDetailsService>()
            .TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem });
        if (written) return;
        // A client that accepts no JSON still gets the sentence.
        http.Response.ContentType = "text/plain; charset=utf-8";
        await http.Response.WriteAsync(detail + "\n");
    }

    private static string Pick(Language language, string german, string english) => language == Language.English ? english : german;
}
