using JugendLab.Orchestrator.Errors;
using JugendLab.Orchestrator.Projects;

namespace JugendLab.Orchestrator.Deployments;

/// <summary>Step 2 — pick the template: the project's choice, else by marker file (Dockerfile &gt; package.json &gt; app.py/requirements.txt &gt; static).</summary>
public static class TemplateDetector
{
    public static Template Detect(Template? chosen, SourceSnapshot source)
    {
        if (chosen is { } template) return template;
        if (source.Has("Dockerfile")) return Template.Dockerfile;
        if (source.Has("package.json")) return Template.Node;
        if (source.Has("app.py") || source.Has("requirements.txt")) return Template.Python;
        if (source.Has("index.html") || source.Has("public/index.html")) return Template.Static;
        throw DomainException.Invalid(
            "Ich erkenne kein Projekt in diesem Commit. Erwartet wird eine dieser Dateien im obersten Ordner: " +
            "Dockerfile (eigenes Image), package.json (Node.js), app.py (Python/Flask) oder index.html bzw. public/index.html (statische Website).",
            "No app found in this commit. Expected one of these files at the top level: " +
            "Dockerfile (your own image), package.json (Node.js), app.py (Python/Flask), or index.html or public/index.html (static website).");
    }
}
