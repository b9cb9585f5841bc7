namespace JugendLab.Orchestrator.Projects;

/// <summary>How a project is built. Detected from the repository's files unless the project names one.</summary>
public enum Template
{
    /// <summary>The repository's own Dockerfile, built as it is.</summary>
    Dockerfile,
    /// <summary>Node.js: npm install at build time; at run time what npm start would run (sandbox-images/node/jugendlab-start).</summary>
    Node,
    /// <summary>Python with Flask: runs app.py.</summary>
    Python,
    /// <summary>Plain files: index.html at the root or in public/.</summary>
    Static,
}
