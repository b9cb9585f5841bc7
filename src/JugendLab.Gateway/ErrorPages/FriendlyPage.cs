using System.Text.Encodings.Web;

namespace JugendLab.Gateway.ErrorPages;

/// <summary>A small self-contained HTML page the gateway shows a resident instead of a project, German first.</summary>
/// <remarks>Texts may contain <c>{slug}</c>; it is replaced by the HTML-encoded project name when the page is shown, and
/// the report link by the address of the project's report page.</remarks>
internal sealed class FriendlyPage
{
    private const string SlugPlaceholder = "{slug}";
    private const string ReportPlaceholder = "{report}";

    // Laid out once; a request only swaps in its slug.
    private readonly string _template;

    /// <param name="reportLink">Whether the page offers "Problem melden" for the project (not when there is no such project).</param>
    public FriendlyPage(int statusCode, string titleDe, string textDe, string titleEn, string textEn, bool reportLink = true)
    {
        StatusCode = statusCode;
        _template = FriendlyPageLayout.Render(statusCode, new(titleDe, textDe), new(titleEn, textEn), reportLink ? ReportPlaceholder : null);
    }

    public int StatusCode { get; }

    /// <param name="reportUrl">The platform's report page for this project (<c>/melden/{slug}</c> on the platform's address).</param>
    public string Render(string slug, string reportUrl) => _template
        .Replace(ReportPlaceholder, HtmlEncoder.Default.Encode(reportUrl))
        .Replace(SlugPlaceholder, HtmlEncoder.Default.Encode(slug));
}

/// <summary>The words of a friendly page in one language.</summary>
internal readonly record struct FriendlyText(string Title, string Text);
