using System.Reflection;
using JugendLab.Orchestrator.Errors;

namespace JugendLab.Orchestrator.Projects;

/// <summary>
/// A ready-made first version for a new project (sandbox-images/starters/&lt;key&gt;/, shipped inside this assembly): a small
/// page that says what to change and how, so a project is live before its team wrote a line. "Von einer Git-Adresse holen"
/// is offered next to these on the page, but it is not a starter: its code comes from elsewhere.
/// </summary>
/// <param name="Template">The template the platform detects from the starter's files (a test keeps the two in step).</param>
/// <param name="StylePath">Where the starters' one shared stylesheet (starters/shared/style.css) goes in this starter.</param>
public sealed record Starter(string Key, Template Template, string TitleDe, string TitleEn, string DescriptionDe, string DescriptionEn,
    string StylePath)
{
    /// <summary>The key the page and the API use for "take the code from a git address".</summary>
    public const string GitKey = "git";

    private const string ResourcePrefix = "starters/";

    public static readonly IReadOnlyList<Starter> All =
    [
        new("website", Template.Static, "Website (HTML/CSS)", "Website (HTML/CSS)",
            "Eine Seite aus HTML und CSS. Gut für den Anfang: Du änderst Text und Farben.",
            "A page made of HTML and CSS. Good to start with: you change the text and the colours.", "style.css"),
        new("node", Template.Node, "Node.js-App", "Node.js app",
            "Ein kleiner Server in JavaScript. Er kann auf Fragen antworten und rechnen.",
            "A small server in JavaScript. It can answer questions and compute things.", "public/style.css"),
        new("python", Template.Python, "Python-App (Flask)", "Python app (Flask)",
            "Ein kleiner Server in Python mit Flask. Er kann auf Fragen antworten und rechnen.",
            "A small server in Python with Flask. It can answer questions and compute things.", "static/style.css"),
        new("dockerfile", Template.Dockerfile, "Eigenes Dockerfile", "Own Dockerfile",
            "Du schreibst das Rezept selbst, mit dem dein Projekt gebaut wird. Für alle, die mehr wollen.",
            "You write the recipe your project is built with yourself. For those who want more.", "public/style.css"),
    ];

    public string Title(Language language) => language == Language.English ? TitleEn : TitleDe;

    public string Description(Language language) => language == Language.English ? DescriptionEn : DescriptionDe;

    /// <summary>The starter with this key; an unknown key is refused with the list of known ones.</summary>
    public static Starter Find(string? key) =>
        All.FirstOrDefault(s => s.Key == key?.Trim().ToLowerInvariant())
        ?? throw DomainException.Invalid(
            $"Die Vorlage «{key}» gibt es nicht. Wähl eine von diesen: {string.Join(", ", All.Select(s => s.Key))}.",
            $"There is no template \"{key}\". Choose one of these: {string.Join(", ", All.Select(s => s.Key))}.");

    /// <summary>The starter's files (path inside the project, content), sorted by path: its own, and the shared stylesheet.</summary>
    public IReadOnlyList<StarterFile> Files()
    {
        var assembly = typeof(Starter).Assembly;
        var prefix = $"{ResourcePrefix}{Key}/";
        return assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(prefix, StringComparison.Ordinal))
            .Select(name => new StarterFile(name[prefix.Length..], Read(assembly, name)))
            .Append(new StarterFile(StylePath, Read(assembly, $"{ResourcePrefix}shared/style.css")))
            .OrderBy(file => file.Path, StringComparer.Ordinal)
            .ToList();
    }

    private static byte[] Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}

/// <summary>One file of a starter: its path inside the project ("public/index.html") and its bytes.</summary>
public sealed record StarterFile(string Path, byte[] Content);
