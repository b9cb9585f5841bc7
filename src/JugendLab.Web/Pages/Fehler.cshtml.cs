using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace JugendLab.Web.Pages;

/// <summary>The page shown for an error status (404 above all) on the web app's addresses; the API keeps its problem details.</summary>
[AllowAnonymous, Microsoft.AspNetCore.Mvc.IgnoreAntiforgeryToken]
public sealed class FehlerModel : PageModel
{
    public int Code { get; private set; }
    public string TitleKey => Code == 404 ? "NotFoundTitle" : "ErrorTitle";
    public string TextKey => Code == 404 ? "NotFoundText" : "ErrorText";

    public void OnGet(int code)
    {
        Code = code;
        // Only when re-executed for an error; someone opening /fehler/404 directly gets that status too, never a 200.
        Response.StatusCode = code is >= 400 and < 600 ? code : 404;
    }

    /// <summary>A refused form post is re-executed as a POST; it gets the same page.</summary>
    public void OnPost(int code) => OnGet(code);
}
