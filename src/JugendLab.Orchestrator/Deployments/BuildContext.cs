using System.Formats.Tar;
using System.Reflection;
using JugendLab.Orchestrator.Projects;

namespace JugendLab.Orchestrator.Deployments;

/// <summary>The tar the engine builds from: the repository's files plus, for the built-in templates, our Dockerfile.</summary>
public static class BuildContext
{
    /// <summary>Where our Dockerfile goes inside the context, away from the team's own files.</summary>
    public const string TemplateDockerfile = ".jugendlab/Dockerfile";

    public static (Stream Context, string Dockerfile) For(SourceSnapshot source, Template template)
    {
        if (template == Template.Dockerfile) return (new MemoryStream(source.Tar, writable: false), "Dockerfile");

        var output = new MemoryStream();
        using (var writer = new TarWriter(output, TarEntryFormat.Pax, leaveOpen: true))
        {
            using var reader = new TarReader(new MemoryStream(source.Tar));
            while (reader.GetNextEntry(copyData: true) is { } entry)
                if (entry.EntryType is not TarEntryType.GlobalExtendedAttributes && entry.Name != TemplateDockerfile)
                    writer.WriteEntry(entry);
            var dockerfile = new PaxTarEntry(TarEntryType.RegularFile, TemplateDockerfile)
            {
                DataStream = new MemoryStream(DockerfileOf(template)),
                Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
            };
            writer.WriteEntry(dockerfile);
        }
        output.Position = 0;
        return (output, TemplateDockerfile);
    }

    /// <summary>The template Dockerfiles live in sandbox-images/templates/ for youth to read, and are embedded here at build time.</summary>
    public static byte[] DockerfileOf(Template template)
    {
        var name = $"templates/{template.ToString().ToLowerInvariant()}.Dockerfile";
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
                           ?? throw new InvalidOperationException($"Template {name} is not embedded.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
