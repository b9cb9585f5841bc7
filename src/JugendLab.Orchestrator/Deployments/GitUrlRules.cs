using JugendLab.Orchestrator.Errors;

namespace JugendLab.Orchestrator.Deployments;

/// <summary>Which git URLs the platform clones: only http(s), never local paths, file://, ssh or git's "ext::" transport.</summary>
public static class GitUrlRules
{
    public static void Validate(string? url)
    {
        if (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" && !string.IsNullOrEmpty(uri.Host)
            && string.IsNullOrEmpty(uri.UserInfo))
            return;
        throw DomainException.Invalid(
            $"„{url}“ ist keine öffentliche Git-Adresse. Gebt eine https-Adresse an, z. B. https://codeberg.org/team/projekt.git.",
            $"\"{url}\" is not a public git address. Give an https address, e.g. https://codeberg.org/team/project.git.");
    }
}
