using JugendLab.Orchestrator.Accounts;
using JugendLab.Orchestrator.State;
using Microsoft.EntityFrameworkCore;

namespace JugendLab.Web.Accounts;

/// <summary>
/// On the very first start (no accounts yet) creates the admin account. Its password comes from
/// JUGENDLAB_ADMIN_PASSWORD or is generated and printed once to the console — never written to the logs.
/// </summary>
public sealed class FirstStart(IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider time) : IHostedService
{
    public const string AdminName = "admin";

    public async Task StartAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<JugendLabDb>();
        if (await db.Users.AnyAsync(ct)) return;

        var given = configuration["JUGENDLAB_ADMIN_PASSWORD"];
        if (!string.IsNullOrEmpty(given) && given.Length < 10)
            throw new InvalidOperationException("JUGENDLAB_ADMIN_PASSWORD needs at least 10 characters (or leave it unset and a password is generated).");
        var password = string.IsNullOrEmpty(given) ? Secrets.NewPassword() : given;
        db.Users.Add(new User(AdminName, Role.Admin, Secrets.HashPassword(password), time.GetUtcNow()));
        await db.SaveChangesAsync(ct);

        Console.WriteLine(string.IsNullOrEmpty(given)
            ? $"""

               ==========================================================================
                JugendLab: Admin-Zugang angelegt / admin account created
                  Name:     {AdminName}
                  Passwort: {password}
                Schreibt das Passwort auf: es wird nur dieses eine Mal angezeigt.
                Write the password down: it is shown only this once.
               ==========================================================================

               """
            : $"JugendLab: admin account '{AdminName}' created with the password from JUGENDLAB_ADMIN_PASSWORD.");
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
