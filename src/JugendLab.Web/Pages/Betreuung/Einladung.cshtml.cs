using JugendLab.Orchestrator.Invites;
using JugendLab.Web.Accounts;
using JugendLab.Web.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace JugendLab.Web.Pages.Betreuung;

/// <summary>One invite as a card to print or show on a screen: the code, its link and the link as a QR code.</summary>
public sealed class EinladungModel(InviteService invites, PlatformUrls urls, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    public InviteCode Invite { get; private set; } = null!;
    public InviteState State { get; private set; }
    public string Link { get; private set; } = "";
    public string QrSvg { get; private set; } = "";
    [TempData] public string? StatusMessage { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Invite = await invites.GetAsync(User.ToActor(), Id, ct);
        State = Invite.StateAt(time.GetUtcNow());
        Link = urls.Join(Invite.Display);
        if (State == InviteState.Open) QrSvg = InviteQr.Svg(Link);
        Response.Headers.CacheControl = "no-store"; // the page holds a way into a team
    }
}
