using JugendLab.Orchestrator.AppLogs;
using JugendLab.Orchestrator.Projects;
using JugendLab.Orchestrator.Runtime;
using JugendLab.Web.Accounts;
using JugendLab.Web.Api;
using Microsoft.AspNetCore.Mvc;

namespace JugendLab.Web.Pages.Projekte;

/// <summary>Logs: what the app prints, the last 500 lines rendered here, then live through the Stream handler (same code as the API's).</summary>
public sealed class LogsModel(ProjectService projects, AppLogService logs) : ProjectPageModel(projects)
{
    public override ProjectTab Tab => ProjectTab.Logs;
    public AppLogState State { get; private set; }
    public IReadOnlyList<ContainerLogLine> Lines { get; private set; } = [];

    /// <summary>The time of the last line shown, so the live part starts after it.</summary>
    public string? Since => Lines.Count > 0 ? Lines[^1].Time.ToString() : null;

    public string StreamUrl => TabUrl(ProjectTab.Logs) + "?handler=Stream";

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadProjectAsync(ct);
        var source = await logs.OpenAsync(User.ToActor(), Team, Slug, ct);
        State = source.State;
        Lines = Newest(await logs.TailAsync(source, AppLogService.DefaultLines, ct), MaxPageChars);
    }

    /// <summary>The page stays light (UI.md: under 150 KB) even when an app prints 500 long lines; older ones are in the API.</summary>
    internal const int MaxPageChars = 96 * 1024;

    /// <summary>The newest lines that together fit in <paramref name="maxChars"/>, oldest first.</summary>
    internal static IReadOnlyList<ContainerLogLine> Newest(IReadOnlyList<ContainerLogLine> lines, int maxChars)
    {
        var total = 0;
        var first = lines.Count;
        while (first > 0 && total + lines[first - 1].Text.Length <= maxChars) total += lines[--first].Text.Length;
        return first == 0 ? lines : lines.Skip(first).ToList();
    }

    /// <summary>The live log for this page's script, behind the sign-in cookie (the API takes only tokens and passwords).</summary>
    public async Task<IActionResult> OnGetStreamAsync(string? since, CancellationToken ct)
    {
        var source = await logs.OpenAsync(User.ToActor(), Team, Slug, ct);
        await AppLogsApi.LiveStream(logs, source, Request, AppLogService.DefaultLines, since).ExecuteAsync(HttpContext);
        return new EmptyResult();
    }

    /// <summary>One line as the script adds it too: the time, a visible "stderr" tag (not colour alone), the text.</summary>
    public static string LineHtml(ContainerLogLine line, string stderrTag)
    {
        var encode = System.Text.Encodings.Web.HtmlEncoder.Default;
        var at = line.Time.ToDateTimeOffset().ToLocalTime();
        var html = new System.Text.StringBuilder();
        html.Append(line.Stream == LogStream.Stderr ? "<span class=\"log-line log-err\">" : "<span class=\"log-line\">");
        html.Append("<time datetime=\"").Append(line.Time.ToString()).Append("\">")
            .Append(at.ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture)).Append("</time> ");
        if (line.Stream == LogStream.Stderr) html.Append("<span class=\"log-tag\">").Append(encode.Encode(stderrTag)).Append("</span> ");
        return html.Append(encode.Encode(line.Text)).Append("</span>\n").ToString();
    }
}
