using System.Net;
using System.Net.Sockets;
using JugendLab.Gateway;
using JugendLab.Orchestrator.Routing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace JugendLab.Tests.Gateway;

/// <summary>
/// A real gateway host (AddGateway/UseGateway in front of a terminal "platform" handler) and two real echo backends,
/// started once for all gateway tests. Tests change routes through <see cref="Routes"/>, each with its own slug.
/// </summary>
public sealed class GatewayFixture : IAsyncLifetime
{
    public const string PlatformAnswer = "platform";

    private WebApplication? _gateway;

    public RoutePublisher Routes { get; } = new();
    public JugendLab.Orchestrator.Matrix.HomeserverEndpoint Homeserver { get; } = new();
    public LogSink Logs { get; } = new();
    public EchoBackend Blue { get; private set; } = null!;
    public EchoBackend Green { get; private set; } = null!;
    public HttpClient Client { get; private set; } = null!;

    /// <summary>An address where nothing listens: connecting is refused at once.</summary>
    public string DeadAddress { get; } = ReserveDeadAddress();

    public async Task InitializeAsync()
    {
        Blue = await EchoBackend.StartAsync("blue");
        Green = await EchoBackend.StartAsync("green");
        _gateway = await StartGatewayAsync(Routes, Homeserver, Logs);

        // FACTS: .NET cannot resolve *.localhost, so connect to 127.0.0.1 and name the host in the Host header.
        Client = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false })
        {
            BaseAddress = new Uri(_gateway.Urls.Single()),
        };
    }

    /// <summary>Sends a GET to the gateway as a browser would for <paramref name="host"/>.</summary>
    public Task<HttpResponseMessage> GetAsync(string host, string pathAndQuery = "/", string? cookie = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, pathAndQuery);
        // Without validation: some tests send host names that HttpClient would refuse but a raw client could send.
        request.Headers.TryAddWithoutValidation("Host", host);
        if (cookie is not null) request.Headers.Add("Cookie", cookie);
        return Client.SendAsync(request);
    }

    private static async Task<WebApplication> StartGatewayAsync(RoutePublisher routes, JugendLab.Orchestrator.Matrix.HomeserverEndpoint homeserver, LogSink logs)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        // Information on, as in the platform's appsettings, so a test can see what the request path would log.
        builder.Logging.ClearProviders().AddProvider(logs).SetMinimumLevel(LogLevel.Information);
        builder.Services.AddSingleton(routes);
        builder.Services.AddSingleton<IRouteTableSource>(routes);
        builder.Services.AddSingleton(homeserver);
        builder.Services.AddGateway(builder.Configuration);

        var app = builder.Build();
        app.UseGateway();
        app.Run(context => context.Response.WriteAsync(PlatformAnswer));
        await app.StartAsync();
        return app;
    }

    private static string ReserveDeadAddress()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return $"http://127.0.0.1:{port}/";
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        if (_gateway is not null) await _gateway.DisposeAsync();
        await Blue.DisposeAsync();
        await Green.DisposeAsync();
    }
}
