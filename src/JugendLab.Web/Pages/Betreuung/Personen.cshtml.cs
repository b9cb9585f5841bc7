using JugendLab.Orchestrator.Accounts;
using JugendLab.Orchestrator.Teams;
using JugendLab.Web.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace JugendLab.Web.Pages.Betreuung;

/// <summary>"Personen": everyone with an account, their teams, and — for staff — suspending a person and lifting it.</summary>
public sealed class PersonenModel(Suspensions suspensions, TeamService teams, AccountService accounts, IStringLocalizer<SharedResource> text)
    : StaffPageModel
{
    public IReadOnlyList<User> People { get; private set; } = [];
    public ILookup<int, string> TeamsOf { get; private set; } = Array.Empty<(int, string)>().ToLookup(t => t.Item1, t => t.Item2);
    public Actor Me => User.ToActor();

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public Task<IActionResult> OnPostSuspendAsync(string name, string? reason, CancellationToken ct) =>
        ActAsync(async c =>
        {
            await suspensions.SuspendAsync(User.ToActor(), name, reason, c);
            return text["PersonSuspended", name];
        }, ct);

    public Task<IActionResult> OnPostLiftAsync(string name, CancellationToken ct) =>
        ActAsync(async c =>
        {
            await suspensions.LiftAsync(User.ToActor(), name, c);
            return text["PersonLifted", name];
        }, ct);

    public Task<IActionResult> OnPostUnlinkMatrixAsync(string name, CancellationToken ct) =>
        ActAsync(async c =>
        {
            await accounts.UnlinkMatrixAsync(User.ToActor(), name, c);
            return text["PersonMatrixUnlinked", name];
        }, ct);

    protected override async Task LoadAsync(CancellationToken ct)
    {
        var actor = User.ToActor();
        People = await suspensions.PeopleAsync(actor, ct);
        TeamsOf = (await teams.ListAsync(actor, ct)).SelectMany(t => t.Members.Select(m => (m.UserId, t.Name))).ToLookup(m => m.UserId, m => m.Name);
    }
}
