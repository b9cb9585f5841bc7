using Ganss.Xss;
using Markdig;
using Microsoft.AspNetCore.Html;

namespace JugendLab.Web.Pages;

/// <summary>
/// Markdown a team wrote (a showcase description) as HTML anyone may see: Markdig with raw HTML turned off, then
/// HtmlSanitizer keeps only harmless tags and http(s)/mailto links. Links get rel="nofollow noopener" and no images load.
/// </summary>
public static class MarkdownText
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().DisableHtml().UseAutoLinks().Build();

    private static readonly HtmlSanitizer Sanitizer = CreateSanitizer();

    public static IHtmlContent Render(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown)) return HtmlString.Empty;
        return new HtmlString(Sanitizer.Sanitize(Markdown.ToHtml(markdown, Pipeline)));
    }

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer(new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
                { "p", "br", "strong", "em", "ul", "ol", "li", "a", "code", "pre", "blockquote", "h3", "h4", "hr" },
            AllowedAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href" },
            AllowedSchemes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "http", "https", "mailto" },
            UriAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href" },
        });
        sanitizer.KeepChildNodes = true; // a heading or an image becomes its plain text, nothing is lost silently
        sanitizer.RemovingTag += (_, e) =>
        {
            // An image loads nothing here, but its words stay: the alt text takes its place.
            if (e.Tag.TagName == "IMG" && e.Tag.GetAttribute("alt") is { Length: > 0 } alt && e.Tag.Owner is { } document)
                e.Tag.Parent?.InsertBefore(document.CreateTextNode(alt), e.Tag);
        };
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Dom.IElement { TagName: "A" } link) link.SetAttribute("rel", "nofollow noopener");
        };
        return sanitizer;
    }
}
