using JugendLab.Orchestrator.Errors;

namespace JugendLab.Orchestrator.Matrix;

/// <summary>Turns "the homeserver is not there" (down, starting, not answering) into a message people can act on.</summary>
internal static class HomeserverUnavailable
{
    public static async Task<T> Guard<T>(Func<Task<T>> call)
    {
        try { return await call(); }
        catch (Exception e) when (e is HttpRequestException or InvalidOperationException or TaskCanceledException)
        {
            throw DomainException.Unavailable(
                "Der Chat-Server des Quartiers läuft gerade nicht. Versuch es in ein paar Minuten nochmals.",
                "The neighbourhood's chat server is not running right now. Try again in a few minutes.");
        }
    }

    public static Task Guard(Func<Task> call) => Guard(async () => { await call(); return true; });
}
