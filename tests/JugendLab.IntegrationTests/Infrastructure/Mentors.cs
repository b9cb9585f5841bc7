using System.Net.Http.Json;

namespace JugendLab.IntegrationTests.Infrastructure;

/// <summary>Mentors for the tests: an account the admin makes, with a password to sign in to the web app.</summary>
public static class Mentors
{
    public static async Task<(string Name, string Password)> MentorWithPasswordAsync(this PlatformFixture platform)
    {
        var name = platform.UniqueName("rosa");
        var password = "mentorin-im-kiez-" + Guid.NewGuid().ToString("n")[..6];
        await PlatformFixture.EnsureSuccess(await platform.Api.PostAsJsonAsync("users", new { name, password, role = "Mentor" }));
        return (name, password);
    }
}
