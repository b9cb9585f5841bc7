using JugendLab.Gateway;
using JugendLab.Orchestrator;
using JugendLab.Web;
using JugendLab.Web.Api;

// One process hosts the whole platform: orchestrator, gateway, JSON API and git endpoint, on one port.
// Content (appsettings.json, wwwroot) is read next to the program, so it serves its CSS from wherever it is started.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });

builder.Services.AddOrchestrator(builder.Configuration);
builder.Services.AddGateway(builder.Configuration);
builder.Services.AddPlatformApi();
builder.Services.AddWebApp();

var app = builder.Build();

app.UseGateway();              // <project>.<base domain> → the project's container; nothing below sees those requests
app.UseExceptionHandler();
app.UseStatusPages();        // pages get a page in the person's language, the API problem details
app.UseRouting();             // after the status pages, so their re-execution finds the error page's endpoint
app.UseStaticFiles();         // the web app's CSS and one small script
app.UseRequestLocalization();  // German first; English by the language switch or the browser
app.UseCrossSiteGuard();       // /api refuses changes sent by other sites' pages (before any password is checked)
app.UseAuthentication();
app.UseAuthorization();
app.MapPlatformApi();
app.MapWebApp();

app.Run();

/// <summary>Lets the integration tests start the platform in-process.</summary>
public partial class Program;
