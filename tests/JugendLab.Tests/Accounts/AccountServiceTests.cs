using JugendLab.Orchestrator.Accounts;
using JugendLab.Orchestrator.Errors;
using JugendLab.Orchestrator.State;
using Microsoft.EntityFrameworkCore;

namespace JugendLab.Tests.Accounts;

/// <summary>Against a real SQLite file with the real migrations.</summary>
public sealed class AccountServiceTests : IAsyncLifetime
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"jl-accounts-{Guid.NewGuid():n}.db");
    private JugendLabDb _db = null!;
    private AccountService _accounts = null!;
    private Actor _admin = null!;

    public async Task InitializeAsync()
    {
        _db = new JugendLabDb(new DbContextOptionsBuilder<JugendLabDb>().UseSqlite($"Data Source={_file}").Options);
        await _db.Database.MigrateAsync();
        var admin = new User("admin", Role.Admin, Secrets.HashPassword("admin-password"), DateTimeOffset.UtcNow);
        _db.Users.Add(admin);
        await _db.SaveChangesAsync();
        _admin = AccountService.ToActor(admin);
        _accounts = new AccountService(_db, new JugendLab.Orchestrator.Audit.AuditLog(_db, TimeProvider.System), TimeProvider.System,
            new PasswordHasher(Microsoft.Extensions.Options.Options.Create(new JugendLab.Orchestrator.Configuration.SignInOptions()), TimeProvider.System));
    }

    [Fact]
    public async Task Token_SignsInItsOwner_UntilRevoked()
    {
        var (token, plain) = await _accounts.CreateTokenAsync(_admin, "laptop", default);
        Assert.Equal("admin", (await _accounts.AuthenticateAsync("admin", plain, default))?.Name);
        Assert.Equal("admin", (await _accounts.AuthenticateAsync(null, plain, default))?.Name);

        await _accounts.RevokeTokenAsync(_admin, token.Id, default);

        Assert.Null(await _accounts.AuthenticateAsync("admin", plain, default));
    }

    [Fact]
    public async Task Token_IsStoredOnlyAsAHash()
    {
        var (_, plain) = await _accounts.CreateTokenAsync(_admin, "laptop", default);
        var stored = await _db.Tokens.SingleAsync();
        Assert.NotEqual(plain, stored.Hash);
        Assert.DoesNotContain(plain, stored.Hash);
    }

    [Fact]
    public async Task Token_WithSomeoneElsesName_IsRefused()
    {
        var (mia, _) = await _accounts.CreateUserAsync(_admin, "mia", Role.Youth, null, default);
        var (_, plain) = await _accounts.CreateTokenAsync(AccountService.ToActor(mia), "phone", default);
        Assert.Null(await _accounts.AuthenticateAsync("admin", plain, default));
    }

    [Fact]
    public async Task Youth_CannotCreateAccounts()
    {
        var (mia, _) = await _accounts.CreateUserAsync(_admin, "mia", Role.Youth, null, default);
        var error = await Assert.ThrowsAsync<DomainException>(() => _accounts.CreateUserAsync(AccountService.ToActor(mia), "max", Role.Youth, null, default));
        Assert.Equal(ErrorKind.Forbidden, error.Kind);
    }

    [Fact]
    public async Task TakenName_IsRefusedAsConflict()
    {
        await _accounts.CreateUserAsync(_admin, "mia", Role.Youth, null, default);
        var error = await Assert.ThrowsAsync<DomainException>(() => _accounts.CreateUserAsync(_admin, "mia", Role.Youth, null, default));
        Assert.Equal(ErrorKind.Conflict, error.Kind);
    }

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_file);
    }
}
