namespace JugendLab.IntegrationTests.Infrastructure;

/// <summary>Small apps as youth would write them.</summary>
public static class SampleApps
{
    /// <summary>A static website: the platform serves its files itself, in no container.</summary>
    public static Dictionary<string, string> StaticSite(string text) => new() { ["index.html"] = $"<h1>{text}</h1>\n" };

    /// <summary>
    /// The same page in a container of its own (nginx from the static image, as the team's own Dockerfile), for tests of
    /// containers and their networks that need no particular app: it builds in a second and answers like
    /// <see cref="StaticSite"/>.
    /// </summary>
    public static Dictionary<string, string> ContainerSite(string text) => new()
    {
        ["Dockerfile"] = "FROM jugendlab/static:latest\nCOPY index.html /app/index.html\n",
        ["index.html"] = $"<h1>{text}</h1>\n",
    };

    public static Dictionary<string, string> NodeApp(string text, string extra = "") => new()
    {
        ["package.json"] = """{ "name": "kiez-app", "version": "1.0.0", "scripts": { "start": "node server.js" } }""",
        ["server.js"] = $$"""
            const http = require('http');
            {{extra}}
            http.createServer((req, res) => {
              if (req.url === '/hog') { const hog = []; setInterval(() => hog.push(Buffer.alloc(16 * 1024 * 1024, 1)), 10); }
              res.end('{{text}}');
            }).listen(process.env.PORT || 8080, '0.0.0.0');
            """,
    };

    /// <summary>A Node app that says hello on stdout and warns on stderr when it starts, and prints every visit's path.</summary>
    public static Dictionary<string, string> ChattyNodeApp(string marker) => new()
    {
        ["package.json"] = """{ "name": "kiez-log", "version": "1.0.0", "scripts": { "start": "node server.js" } }""",
        ["server.js"] = $$"""
            const http = require('http');
            console.log('start {{marker}}');
            console.error('warnung {{marker}}');
            http.createServer((req, res) => {
              console.log('besuch ' + req.url);
              res.end('{{marker}}');
            }).listen(process.env.PORT || 8080, '0.0.0.0');
            """,
    };

    /// <summary>A Node app that answers "value=" and the environment variable <paramref name="variable"/> (or "unset").</summary>
    public static Dictionary<string, string> AppThatShows(string variable) => new()
    {
        ["package.json"] = """{ "name": "env-app", "version": "1.0.0", "scripts": { "start": "node server.js" } }""",
        ["server.js"] = $$"""
            require('http').createServer((req, res) => res.end('value=' + (process.env.{{variable}} ?? 'unset')))
              .listen(process.env.PORT || 8080, '0.0.0.0');
            """,
    };

    public static Dictionary<string, string> FlaskApp(string text) => new()
    {
        ["requirements.txt"] = "flask\n",
        ["app.py"] = $$"""
            import os
            from flask import Flask
            app = Flask(__name__)

            @app.get("/")
            def hello():
                return "{{text}}"

            app.run(host="0.0.0.0", port=int(os.environ["PORT"]))
            """,
    };

    public static Dictionary<string, string> FailingDockerfile() => new()
    {
        ["Dockerfile"] = "FROM jugendlab/static:latest\nRUN echo 'compiling the kiez app' && exit 3\n",
    };

    public static Dictionary<string, string> SlowDockerfile(int seconds) => new()
    {
        // A fresh token per call: the engine's layer cache must never turn a slow build into an instant one.
        ["Dockerfile"] = $"FROM jugendlab/static:latest\nRUN echo 'slow build {Guid.NewGuid():n}' && sleep {seconds}\nCOPY index.html /app/index.html\n",
        ["index.html"] = "<h1>slow</h1>\n",
    };
}
