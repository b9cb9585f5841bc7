using System.Text.Encodings.Web;

namespace JugendLab.Gateway.ErrorPages;

/// <summary>A small self-contained HTML page the gateway shows a resident instead of a project, German first.</summary>
/// <remarks>Texts may contain <c>{slug}</c>; it is replaced by the HTML-encoded project name when the page is shown.</remarks>
internal sealed class FriendlyPage
{
    private const string SlugPlaceholder = "{slug}";

    // Laid out once; a request only swaps in its slug.
    private readonly string _template;

    public FriendlyPage(int statusCode, string titleDe, string textDe, string titleEn, string textEn)
    {
        StatusCode = statusCode;
        _template = FriendlyPageLayout.Render(statusCode, new(titleDe, textDe), new(titleEn, textEn));
    }

    public int StatusCode { get; }

    public string Render(string slug) => _template.Replace(SlugPlaceholder, HtmlEncoder.Default.Encode(slug));
}

/// <summary>The words of a friendly page in one language.</summary>
internal readonly record struct FriendlyText(string Title, string Text);
