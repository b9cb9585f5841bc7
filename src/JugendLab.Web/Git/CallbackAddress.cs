using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace JugendLab.Web.Git;

/// <summary>The loopback address the pre-receive hook uses to call the platform back (never a public address).</summary>
public sealed class CallbackAddress(IServer server)
{
    public const string PushCallbackPath = "/internal/push-callback";

    /// <summary>Where the hook asks, once per push and before anything else, whether the push may land (e.g. the repository size).</summary>
    public const string PushCheckPath = "/internal/push-check";

    public string PushCallbackUrl() => LoopbackUrl(PushCallbackPath);

    public string PushCheckUrl() => LoopbackUrl(PushCheckPath);

    private string LoopbackUrl(string path)
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var first = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
                    ?? throw new InvalidOperationException("The platform listens on no http:// address; the git hook cannot call it back.");
        var port = new Uri(first.Replace("://+", "://localhost").Replace("://*", "://localhost").Replace("://[::]", "://localhost")).Port;
        return $"http://127.0.0.1:{port}{path}";
    }
}
