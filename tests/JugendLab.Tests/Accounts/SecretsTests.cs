using JugendLab.Orchestrator.Accounts;

namespace JugendLab.Tests.Accounts;

public sealed class SecretsTests
{
    [Fact]
    public void Password_VerifiesOnlyWithItself()
    {
        var hash = Secrets.HashPassword("kiez-radio-2026");
        Assert.True(Secrets.VerifyPassword("kiez-radio-2026", hash));
        Assert.False(Secrets.VerifyPassword("kiez-radio-2027", hash));
        Assert.DoesNotContain("kiez-radio", hash);
    }

    [Fact]
    public void Tokens_AreRandomAndHashDeterministically()
    {
        var a = Secrets.NewToken();
        var b = Secrets.NewToken();
        Assert.NotEqual(a, b);
        Assert.StartsWith(Secrets.TokenPrefix, a);
        Assert.Equal(Secrets.HashToken(a), Secrets.HashToken(a));
        Assert.NotEqual(Secrets.HashToken(a), Secrets.HashToken(b));
    }

    [Fact]
    public void GeneratedPassword_HasNoLookAlikes()
    {
        var password = Secrets.NewPassword();
        Assert.Equal(23, password.Length);
        Assert.DoesNotContain('l', password);
        Assert.DoesNotContain('0', password);
    }
}
