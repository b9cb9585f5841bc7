using JugendLab.Orchestrator.Errors;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace JugendLab.Web.Pages;

/// <summary>
/// A page asked for a team or project the person may not see: answer 404, the same as for one that does not exist,
/// so a page never tells whether another team's project exists. The status code page then shows the friendly 404.
/// </summary>
public sealed class NotFoundFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        if (executed.Exception is DomainException { Kind: ErrorKind.NotFound or ErrorKind.Forbidden })
        {
            executed.Result = new NotFoundResult();
            executed.ExceptionHandled = true;
        }
    }
}
