using JugendLab.Web.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace JugendLab.Web.Pages;

/// <summary>
/// The mentors' pages (folder Betreuung) answer 404 to everyone who is not staff, before any handler runs — the same
/// answer as an address that does not exist, so a youth cannot even tell these pages are there. The services check the
/// role again; this filter makes sure a page that forgets cannot leak.
/// </summary>
public sealed class StaffOnlyFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (context.HttpContext.User.Identity?.IsAuthenticated != true || !context.HttpContext.User.ToActor().IsStaff)
        {
            context.Result = new NotFoundResult();
            return;
        }
        await next();
    }
}
