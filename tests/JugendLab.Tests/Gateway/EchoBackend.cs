using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace JugendLab.Tests.Gateway;

/// <summary>A real Kestrel server standing in for a project container: it answers with what it received, as JSON.</summary>
public sealed class EchoBackend : IAsyncDisposable
{
    private readonly WebApplication _app;

    private EchoBackend(WebApplication app, string name)
    {
        _app = app;
        Name = name;
    }

    /// <summary>Tells two backends apart, so a test can see which one answered.</summary>
    public string Name { get; }

    /// <summary>The destination prefix a route points to, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public string Address => _app.Urls.Single() + "/";

    public static async Task<EchoBackend> StartAsync(string name)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();

        app.Map("/set-cookies", branch => branch.Run(SetCookiesAsync));
        app.Run(context => EchoAsync(context, name));

        await app.StartAsync();
        return new EchoBackend(app, name);
    }

    // Cookies a project might try to set: its own ones, and ones that would reach the platform and its siblings.
    private static Task SetCookiesAsync(HttpContext context)
    {
        context.Response.Headers.SetCookie = new[]
        {
            "own=1; Path=/; HttpOnly",
            $"self=1; Domain={context.Request.Host.Host}; Path=/",
            "base=1; Domain=lab.localhost; Path=/",
            "dotted=1; Domain=.LAB.localhost; Path=/",
            "parent=1; Path=/; Domain=localhost",
        };
        return context.Response.WriteAsync("cookies set");
    }

    private static async Task EchoAsync(HttpContext context, string name)
    {
        var request = context.Request;
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var echo = new Dictionary<string, string?>
        {
            ["backend"] = name,
            ["host"] = request.Headers.Host.ToString(),
            ["path"] = request.Path.Value,
            ["query"] = request.QueryString.Value,
            ["method"] = request.Method,
            ["body"] = body,
            ["cookie"] = request.Headers.Cookie.ToString(),
            ["authorization"] = request.Headers.Authorization.ToString(),
            ["x-forwarded-for"] = request.Headers["X-Forwarded-For"].ToString(),
            ["x-forwarded-proto"] = request.Headers["X-Forwarded-Proto"].ToString(),
            ["x-forwarded-host"] = request.Headers["X-Forwarded-Host"].ToString(),
        };
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(JsonSerializer.Serialize(echo), context.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
