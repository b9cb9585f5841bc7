using JugendLab.Orchestrator.Errors;
using JugendLab.Orchestrator.Projects;
using JugendLab.Web.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace JugendLab.Web.Pages.Projekte;

/// <summary>Einstellungen: template, deploy branch, memory and CPU within the team's quota, and the app's environment
/// variables and secrets. Saving what the running app uses starts it again with the new values.</summary>
public sealed class EinstellungenModel(ProjectService projects, ProjectVariables variables, IStringLocalizer<SharedResource> text)
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
            await Projects.ConfigureAsync(User.ToActor(), Team, Slug,
                new ProjectSettings(null, template, Settings.DeployBranch, Settings.MemoryMb, Settings.Cpus, DetectTemplate: template is null), ct);
            StatusMessage = text["SettingsSaved"];
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
            await variables.SetAsync(User.ToActor(), Team, Slug, Variable.Name, Variable.Value, Variable.Secret, ct);
            StatusMessage = text[Variable.Secret ? "SecretSaved" : "VariableSaved", Variable.Name!.Trim()];
            return RedirectToPage();
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
        await variables.RemoveAsync(User.ToActor(), Team, Slug, name, ct);
        StatusMessage = text["VariableRemoved", name];
        return RedirectToPage();
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
