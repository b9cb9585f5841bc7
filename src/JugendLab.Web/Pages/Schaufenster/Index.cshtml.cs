using JugendLab.Orchestrator.Showcase;
using JugendLab.Web.Api;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace JugendLab.Web.Pages.Schaufenster;

/// <summary>The public Schaufenster on the platform's own address: what the neighbourhood's youth built, for everyone.</summary>
public sealed class IndexModel(ShowcaseService showcase, PlatformUrls urls) : PageModel
{
    public IReadOnlyList<ShowcaseEntry> Entries { get; private set; } = [];
    public PlatformUrls Urls => urls;

    public async Task OnGetAsync(CancellationToken ct) => Entries = await showcase.PublicAsync(ct);
}
