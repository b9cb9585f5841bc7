using JugendLab.Orchestrator.Deployments;
using JugendLab.Orchestrator.Errors;
using JugendLab.Orchestrator.Projects;
using JugendLab.Web.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace JugendLab.Web.Pages.Projekte;

/// <summary>Einstellungen: template, deploy branch, memory and CPU within the team's quota, and the app's environment
/// variables and secrets. Saving what the running app uses starts it again with the new values.</summary>
public sealed class EinstellungenModel(ProjectService projects, ProjectVariables variables, KeptVersions versions, IStringLocalizer<SharedResource> text)
    : ProjectPageModel(projects)
{
    public override ProjectTab Tab => ProjectTab.Settings;
    public IReadOnlyList<VariableView> Variables { get; private set; } = [];
    [BindProperty] public SettingsInput Settings { get; set; } = new();
    [BindProperty] public VariableInput Variable { get; set; } = new();
    [TempData] public string? StatusMessage { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        Settings = SettingsInput.From(Project);
    }

    public async Task<IActionResult> OnPostSettingsAsync(CancellationToken ct)
    {
        try
        {
            var template = Enum.TryParse<Template>(Settings.Template, out var t) ? t : (Template?)null;
            StatusMessage = text["SettingsSaved"];
            var (_, restart) = await versions.ConfigureAsync(User.ToActor(), Team, Slug,
                new ProjectSettings(null, template, Settings.DeployBranch, Settings.MemoryMb, Settings.Cpus, DetectTemplate: template is null),
                UiLanguage, ct);
            return restart is { } id ? Redirect(ProjectTabs.VersionUrl(Team, Slug, id)) : RedirectToPage();
        }
        catch (DomainException e) when (e.Kind == ErrorKind.Conflict)
        {
            // Saved; only the restart waits for the deploy that is running (settings themselves are never a conflict).
            StatusMessage = $"{StatusMessage} {e.In(UiLanguage)}";
            return RedirectToPage();
        }
        catch (DomainException e) when (e.Kind is not (ErrorKind.NotFound or ErrorKind.Forbidden))
        {
            Refused(e);
            await LoadAsync(ct);
            return Page();
        }
    }

    public async Task<IActionResult> OnPostVariableAsync(CancellationToken ct)
    {
        try
        {
            var saved = await variables.SetAsync(User.ToActor(), Team, Slug, Variable.Name, Variable.Value, Variable.Secret, ct);
            StatusMessage = text[Variable.Secret ? "SecretSaved" : "VariableSaved", Variable.Name!.Trim()];
            return await RestartAsync(saved, ct);
        }
        catch (DomainException e) when (e.Kind is not (ErrorKind.NotFound or ErrorKind.Forbidden))
        {
            Refused(e);
            await LoadAsync(ct);
            Settings = SettingsInput.From(Project);
            Response.Headers.CacheControl = "no-store"; // the typed value stays in the form, and may be a secret
            return Page();
        }
    }

    public async Task<IActionResult> OnPostRemoveAsync(string name, CancellationToken ct)
    {
        var saved = await variables.RemoveAsync(User.ToActor(), Team, Slug, name, ct);
        StatusMessage = text["VariableRemoved", name];
        return await RestartAsync(saved, ct);
    }

    /// <summary>A live project starts again with the new values: show that version's live build log; otherwise stay here.</summary>
    private async Task<IActionResult> RestartAsync(Project saved, CancellationToken ct)
    {
        try
        {
            return await versions.RestartWithSettingsAsync(User.ToActor(), saved, UiLanguage, ct) is { } restart
                ? Redirect(ProjectTabs.VersionUrl(Team, Slug, restart))
                : RedirectToPage();
        }
        catch (DomainException e) when (e.Kind == ErrorKind.Conflict)
        {
            // Saved, but another deploy is running: the values apply when it (or the next start) is done.
            StatusMessage = $"{StatusMessage} {e.In(UiLanguage)}";
            return RedirectToPage();
        }
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        await LoadProjectAsync(ct);
        Variables = await variables.ListAsync(User.ToActor(), Team, Slug, ct);
    }

    /// <summary>The project settings form; an empty template means "detect from the files".</summary>
    public sealed class SettingsInput
    {
        public string? Template { get; set; }
        public string? DeployBranch { get; set; }
        public int? MemoryMb { get; set; }
        public double? Cpus { get; set; }

        public static SettingsInput From(Project p) => new()
        {
            Template = p.Template?.ToString(), DeployBranch = p.DeployBranch, MemoryMb = p.MemoryMb, Cpus = p.Cpus,
        };
    }

    /// <summary>One variable to add or change.</summary>
    public sealed class VariableInput
    {
        public string? Name { get; set; }
        public string? Value { get; set; }
        public bool Secret { get; set; }
    }
}
