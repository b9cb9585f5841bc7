using System.Globalization;
using JugendLab.Web.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Localization;

namespace JugendLab.Web;

/// <summary>
/// The web app for people in a browser (Razor Pages, see shared UI.md): cookie sign-in for pages only — the JSON API and
/// git keep taking tokens and passwords, never the cookie — German first with English by choice or by the browser.
/// </summary>
public static class WebApp
{
    public const string CookieScheme = "Cookies";
    public const string SignedIn = "signed-in";

    /// <summary>The session cookie. Host-only (no Domain), so browsers never send it to project subdomains; its name starts
    /// with "jugendlab", which the gateway also strips from requests to projects.</summary>
    public const string SessionCookie = "jugendlab.session";

    public static readonly CultureInfo[] Cultures = [new("de-CH"), new("en")];

    public static IServiceCollection AddWebApp(this IServiceCollection services)
    {
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.AddRazorPages(o =>
        {
            o.Conventions.AuthorizeFolder("/", SignedIn);
            o.Conventions.AllowAnonymousToPage("/Konto/Anmelden");
            o.Conventions.AllowAnonymousToPage("/Sprache");
            o.Conventions.AllowAnonymousToPage("/Konto/Beitreten");
            o.Conventions.AllowAnonymousToFolder("/Melden");
            o.Conventions.AllowAnonymousToFolder("/Schaufenster");
            o.Conventions.AllowAnonymousToFolder("/Wuensche");
            o.Conventions.AllowAnonymousToFolder("/Nachbarschaft");
            o.Conventions.AddFolderApplicationModelConvention("/Betreuung", m => m.Filters.Add(new Pages.StaffOnlyFilter()));
            o.Conventions.AddPageRoute("/Konto/Anmelden", "/anmelden");
            o.Conventions.AddPageRoute("/Konto/Abmelden", "/abmelden");
        }).AddMvcOptions(o => o.Filters.Add<Pages.NotFoundFilter>()).AddViewLocalization();
        services.AddAuthentication().AddCookie(CookieScheme, o =>
        {
            o.Cookie.Name = SessionCookie;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest; // Secure as soon as the box serves HTTPS
            o.LoginPath = "/anmelden";
            o.LogoutPath = "/abmelden";
            o.ExpireTimeSpan = TimeSpan.FromDays(14);
            o.SlidingExpiration = true;
            // Every request asks the database whether the person may still be here (one indexed lookup): a suspension
            // ends every session at its next click, not when a cookie expires.
            o.Events.OnValidatePrincipal = async context =>
            {
                var principal = context.Principal;
                var accounts = context.HttpContext.RequestServices.GetRequiredService<Orchestrator.Accounts.AccountService>();
                var actor = principal?.Identity?.IsAuthenticated == true ? principal.ToActor() : null;
                if (actor is not null && await accounts.SessionValidAsync(actor.UserId, actor.Role, context.HttpContext.RequestAborted)) return;
                context.RejectPrincipal();
                await context.HttpContext.SignOutAsync(CookieScheme);
            };
        });
        services.AddAuthorizationBuilder().AddPolicy(SignedIn, p => p.AddAuthenticationSchemes(CookieScheme).RequireAuthenticatedUser());
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture(Cultures[0]);
            o.SupportedCultures = o.SupportedUICultures = Cultures;
            // The language switch's cookie first, then the browser's languages; no query string.
            o.RequestCultureProviders = [new CookieRequestCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider()];
        });
        // The platform's other cookies carry its name too, so the gateway strips them from requests to projects.
        services.Configure<Microsoft.AspNetCore.Antiforgery.AntiforgeryOptions>(o => o.Cookie.Name = "jugendlab.antiforgery");
        services.Configure<Microsoft.AspNetCore.Mvc.CookieTempDataProviderOptions>(o => o.Cookie.Name = "jugendlab.tempdata");
        return services;
    }

    /// <summary>Error statuses on the web app's own addresses get a page in the person's language; the API, git and
    /// the projects keep their own answers (problem details, git's text, the gateway's friendly pages).</summary>
    public static WebApplication UseStatusPages(this WebApplication app)
    {
        app.UseWhen(IsPageRequest, b => b.UseStatusCodePagesWithReExecute("/fehler/{0}"));
        app.UseWhen(c => !IsPageRequest(c), b => b.UseStatusCodePages());
        return app;
    }

    private static bool IsPageRequest(HttpContext context) =>
        !context.Request.Path.StartsWithSegments("/api") && !context.Request.Path.StartsWithSegments("/git");

    public static WebApplication MapWebApp(this WebApplication app)
    {
        app.MapRazorPages();
        // The build log page's live part: the same stream as the API's, reachable with the sign-in cookie.
        app.MapGet(Api.BuildLogStream.PagePattern, Api.BuildLogStream.StreamAsync).RequireAuthorization(SignedIn).ExcludeFromDescription();
        return app;
    }
}
