namespace JugendLab.Gateway.ErrorPages;

/// <summary>The frame shared by all friendly pages: inline CSS only, no scripts, no fonts or images from elsewhere.</summary>
internal static class FriendlyPageLayout
{
    private const string Style =
        "body{margin:0;font-family:system-ui,-apple-system,\"Segoe UI\",sans-serif;background:#f4f1ea;color:#222;line-height:1.55}" +
        "main{max-width:36rem;margin:8vh auto;padding:2rem 2.25rem;background:#fff;border-radius:1rem;box-shadow:0 2px 10px rgba(0,0,0,.08)}" +
        "h1{font-size:1.6rem;margin:0 0 .75rem}h2{font-size:1.15rem;margin:0 0 .5rem}" +
        ".en{margin-top:2rem;padding-top:1.25rem;border-top:1px solid #e2ddd3;color:#555}" +
        "footer{margin-top:2rem;font-size:.85rem;color:#888}" +
        ".report{margin-top:1.5rem}.report a{color:inherit}" +
        "@media (prefers-color-scheme:dark){body{background:#1d1c1a;color:#eee}main{background:#2a2926}.en{color:#bbb;border-color:#444}}";

    public static string Render(int statusCode, FriendlyText german, FriendlyText english, string? reportUrl) => $"""
        <!doctype html>
        <html lang="de">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="robots" content="noindex">
        <title>{german.Title} · JugendLab</title>
        <style>{Style}</style>
        </head>
        <body>
        <main>
        <section>
        <h1>{german.Title}</h1>
        <p>{german.Text}</p>
        </section>
        <section class="en" lang="en">
        <h2>{english.Title}</h2>
        <p>{english.Text}</p>
        </section>
        {(reportUrl is null ? "" : $"<p class=\"report\"><a href=\"{reportUrl}\">Problem melden</a> · <a href=\"{reportUrl}\" lang=\"en\">Report a problem</a></p>")}
        <footer>JugendLab · {statusCode}</footer>
        </main>
        </body>
        </html>
        """;
}
