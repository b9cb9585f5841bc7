// The gateway alone, as the platform composes it, with one Live route to the benchmark's backend.
// Usage: GatewayBench --urls http://127.0.0.1:18080 --backend http://127.0.0.1:18081/
using JugendLab.Gateway;
using JugendLab.Orchestrator.Routing;

var builder = WebApplication.CreateSlimBuilder(args);
// FACTS: any enabled provider costs throughput (a log scope per request), so the bench runs with none, as a tuned
// production gateway would.
builder.Logging.ClearProviders();

var backend = builder.Configuration["backend"]
    ?? throw new InvalidOperationException("Pass --backend http://host:port/ (the address nginx serves on).");
var routes = new RoutePublisher();
routes.Set(new ProjectRoute("bench", RouteState.Live, backend));
builder.Services.AddSingleton(routes);
builder.Services.AddSingleton<IRouteTableSource>(routes);
builder.Services.AddGateway(builder.Configuration);

var app = builder.Build();
app.UseGateway();
app.Run(context => context.Response.WriteAsync("platform"));
app.Run();
