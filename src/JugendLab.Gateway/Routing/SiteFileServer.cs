using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace JugendLab.Gateway.Routing;

/// <summary>
/// Serves a static website straight from its folder: no container, no proxy hop. It answers as the nginx template did
/// (index.html for a folder, <c>/dir</c> → <c>/dir/</c>, hidden files not found) and adds what a youth's site needs:
/// its own 404.html, precompressed <c>.br</c>/<c>.gz</c> files, ETag and Last-Modified with 304, single byte ranges.
/// </summary>
/// <remarks>
/// On the request path of every site: no database, no lock, no log line. The folder holds only plain files and folders
/// (symlinks are never unpacked), every path is checked by <see cref="SitePaths"/> before it is joined to the folder, and
/// a link found anyway (someone on the box made it), as the file or as a folder on the way, is not followed.
/// </remarks>
internal sealed class SiteFileServer(SiteContentTypes types)
{
    public const string IndexFile = "index.html";
    public const string NotFoundFile = "404.html";
    public const string Allowed = "GET, HEAD";

    /// <summary>
    /// Answers the request from <paramref name="root"/> (a folder path ending in '/'). Returns false when there is no such
    /// file and the site has no 404.html: nothing was written, the caller shows the platform's "not found" page.
    /// </summary>
    public Task<bool> TryServeAsync(HttpContext context, string root)
    {
        var request = context.Request;
        var head = HttpMethods.IsHead(request.Method);
        if (!head && !HttpMethods.IsGet(request.Method)) return Done(context, StatusCodes.Status405MethodNotAllowed);

        var path = request.Path.HasValue ? request.Path.Value! : "/";
        var rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (SitePaths.IsMalformed(rawTarget, path)) return Done(context, StatusCodes.Status400BadRequest);
        if (SitePaths.IsHidden(path) || PassesALinkedFolder(root, path)) return NotFoundAsync(context, root, head);

        var full = string.Concat(root, path.AsSpan(1));
        if (path.EndsWith('/'))
        {
            var index = PlainFile(full + IndexFile) ?? PlainFile(full + "index.htm");
            return index is null ? NotFoundAsync(context, root, head) : SendAsync(context, index, head);
        }
        if (PlainFile(full) is { } file) return SendAsync(context, file, head);
        if (Directory.Exists(full) && !IsLink(new DirectoryInfo(full))) return RedirectToFolderAsync(context, path);
        return NotFoundAsync(context, root, head);
    }

    /// <summary>A folder without its slash: 301 to it with the slash, relative as nginx's <c>absolute_redirect off</c>.</summary>
    private static Task<bool> RedirectToFolderAsync(HttpContext context, string path)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status301MovedPermanently;
        response.Headers.Location = new PathString(path + "/").ToUriComponent() + context.Request.QueryString.ToUriComponent();
        return Task.FromResult(true);
    }

    /// <summary>The site's own 404.html with status 404, when it has one.</summary>
    private static async Task<bool> NotFoundAsync(HttpContext context, string root, bool head)
    {
        if (PlainFile(root + NotFoundFile) is not { } page) return false;
        var response = context.Response;
        response.StatusCode = StatusCodes.Status404NotFound;
        response.ContentType = "text/html; charset=utf-8";
        response.ContentLength = page.Length;
        response.Headers.CacheControl = "no-cache";
        response.Headers.XContentTypeOptions = "nosniff";
        if (!head) await SendFileAsync(context, page.FullName, 0, page.Length);
        return true;
    }

    private async Task<bool> SendAsync(HttpContext context, FileInfo file, bool head)
    {
        var request = context.Request;
        var response = context.Response;
        var type = types.For(file.Name);
        var (sent, encoding, vary) = Precompressed.Choose(request.Headers.AcceptEncoding, file);
        var validators = SiteFileValidators.Of(sent);

        var headers = response.Headers;
        headers.ContentType = type;
        headers.ETag = validators.ETag;
        headers.LastModified = validators.LastModifiedText;
        headers.CacheControl = "no-cache"; // a new version shows at once; unchanged files cost a 304
        headers.XContentTypeOptions = "nosniff";
        headers.AcceptRanges = "bytes";
        if (encoding is not null) headers.ContentEncoding = encoding;
        if (vary) headers.Vary = "Accept-Encoding";

        if (validators.IsNotModified(request.Headers))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return true;
        }
        var range = ByteRange.Of(request.Headers, validators, sent.Length);
        if (range.Unsatisfiable)
        {
            response.StatusCode = StatusCodes.Status416RangeNotSatisfiable;
            headers.ContentRange = $"bytes */{sent.Length}";
            return true;
        }
        if (range.IsPartial)
        {
            response.StatusCode = StatusCodes.Status206PartialContent;
            headers.ContentRange = $"bytes {range.Start}-{range.Start + range.Length - 1}/{sent.Length}";
        }
        response.ContentLength = range.Length;
        if (!head) await SendFileAsync(context, sent.FullName, range.Start, range.Length);
        return true;
    }

    private static async Task SendFileAsync(HttpContext context, string path, long offset, long count)
    {
        try
        {
            await context.Response.SendFileAsync(path, offset, count, context.RequestAborted);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The visitor went away mid-file: nothing to tell anyone.
        }
    }

    /// <summary>The file when it is there and a plain file; never a link, whatever it points to.</summary>
    internal static FileInfo? PlainFile(string path)
    {
        var file = new FileInfo(path);
        return file.Exists && !IsLink(file) ? file : null;
    }

    /// <summary>
    /// Whether a folder on the way is a link. The orchestrator never writes one, so this only matters when someone on the
    /// box made one by hand; it costs one look per folder level of the address (most addresses have none or one).
    /// </summary>
    private static bool PassesALinkedFolder(string root, string path)
    {
        for (var slash = path.IndexOf('/', 1); slash > 0; slash = path.IndexOf('/', slash + 1))
        {
            var folder = new DirectoryInfo(string.Concat(root, path.AsSpan(1, slash - 1)));
            if (!folder.Exists) return false;
            if (IsLink(folder)) return true;
        }
        return false;
    }

    private static bool IsLink(FileSystemInfo info) => (info.Attributes & FileAttributes.ReparsePoint) != 0;

    private static Task<bool> Done(HttpContext context, int status)
    {
        context.Response.StatusCode = status;
        if (status == StatusCodes.Status405MethodNotAllowed) context.Response.Headers.Allow = Allowed;
        return Task.FromResult(true);
    }
}
