using System.Formats.Tar;
using System.Numerics;
using System.Text;
using System.Text.RegularExpressions;
using JugendLab.Orchestrator.Errors;

namespace JugendLab.Orchestrator.Deployments;

/// <summary>Why a Dockerfile line was refused.</summary>
public enum DockerfileRefusal { BaseImage, BaseImageVariable, StageSource, AddUrl, AddVariable }

/// <summary>One refused instruction: the lines it spans, its text, and why.</summary>
public sealed record DockerfileFinding(int StartLine, int EndLine, string Text, DockerfileRefusal Refusal);

/// <summary>
/// A team's own Dockerfile may build only from the platform's base images and from its own earlier stages (issue 9).
/// The engine's classic builder lets FROM and COPY --from read ANY image it holds, other teams' project images included,
/// and fetches ADD &lt;url&gt; itself from the host's network namespace (the platform's loopback ports, the LAN). So before
/// the engine sees the build, every FROM, every --from and every ADD source is checked here; everything else passes.
/// </summary>
public static class DockerfilePolicy
{
    public const string FileName = "Dockerfile";

    /// <summary>The platform's base images (sandbox-images/build.sh), named in the messages.</summary>
    public static readonly IReadOnlyList<string> BaseImages =
        ["jugendlab/node:latest", "jugendlab/python:latest", "jugendlab/static:latest", "jugendlab/debian:bookworm"];

    // A name in the jugendlab/ namespace on Docker Hub's implicit registry, one path component, an optional tag, no digest.
    private static readonly Regex BaseImage = new(
        "^jugendlab/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?$", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
    private static readonly Regex StageName = new("^[A-Za-z][A-Za-z0-9_.-]*$", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
    private static readonly Regex StageIndex = new("^[+-]?[0-9]+$", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
    private static readonly Regex JsonEscape = new(@"\\u([0-9a-fA-F]{4})", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
    private const int MaxShownText = 120;

    /// <summary>Real Dockerfiles are a few KB; a bigger one is refused before we read it, so it cannot cost the platform memory.</summary>
    public const int MaxDockerfileBytes = 1024 * 1024;

    /// <summary>Throws <see cref="DomainException"/> (Invalid) naming every refused line of the snapshot's Dockerfile.</summary>
    public static void Enforce(SourceSnapshot source)
    {
        var findings = ReadDockerfiles(source).SelectMany(Check).Distinct().OrderBy(f => f.StartLine).ToList();
        if (findings.Count == 0) return;
        throw DomainException.Invalid(
            "Euer Dockerfile nutzt etwas, das auf der Plattform nicht erlaubt ist:\n" + string.Join('\n', findings.Select(German)),
            "Your Dockerfile uses something the platform does not allow:\n" + string.Join('\n', findings.Select(English)));
    }

    /// <summary>Every refused instruction of one Dockerfile, in order; empty when it may be built.</summary>
    public static IReadOnlyList<DockerfileFinding> Check(string dockerfile)
    {
        var findings = new List<DockerfileFinding>();
        var stages = new Stages();
        foreach (var instruction in DockerfileParser.Parse(dockerfile))
        {
            CheckInstruction(instruction, instruction, stages, findings);
            if (instruction.Keyword == "from") stages.Begin(StageNameOf(instruction));
        }
        return findings.Distinct().ToList();
    }

    /// <param name="shown">The top-level instruction to report (an ONBUILD's inner instruction is reported as the ONBUILD line).</param>
    /// <param name="stages">The stages begun so far; the last one is the current stage unless <paramref name="instruction"/> is a FROM.</param>
    private static void CheckInstruction(DockerfileInstruction instruction, DockerfileInstruction shown, Stages stages, List<DockerfileFinding> findings)
    {
        void Refuse(DockerfileRefusal refusal) =>
            findings.Add(new DockerfileFinding(shown.StartLine, shown.EndLine, shown.Text, refusal));

        var before = instruction.Keyword == "from" ? stages.Count : Math.Max(0, stages.Count - 1);
        foreach (var (name, value) in instruction.Flags.Select(SplitFlag))
        {
            if (name.Equals("from", StringComparison.OrdinalIgnoreCase) && !stages.IsBefore(value, before))
                Refuse(DockerfileRefusal.StageSource);
            if (name.Equals("mount", StringComparison.OrdinalIgnoreCase) && MountSources(value).Any(s => !stages.IsBefore(s, before)))
                Refuse(DockerfileRefusal.StageSource);
        }
        switch (instruction.Keyword)
        {
            case "from":
                var image = instruction.Words.FirstOrDefault() ?? "";
                if (image == "scratch" || BaseImage.IsMatch(image) || stages.IsNamedBefore(image, before)) break;
                Refuse(image.Contains('$') ? DockerfileRefusal.BaseImageVariable : DockerfileRefusal.BaseImage);
                break;
            case "add":
                foreach (var source in AddSources(instruction).Select(Normalize))
                    if (source.Contains("://") || source.StartsWith("git@", StringComparison.Ordinal)) Refuse(DockerfileRefusal.AddUrl);
                    else if (source.Contains('$')) Refuse(DockerfileRefusal.AddVariable);
                break;
            case "onbuild":
                // The trigger runs in a later stage that builds on this one: check it as the engine reads it now and later.
                if (instruction.Inner is { } inner) CheckInstruction(inner, shown, stages, findings);
                foreach (var trigger in instruction.Trigger) CheckInstruction(trigger, shown, stages, findings);
                break;
        }
    }

    private static string? StageNameOf(DockerfileInstruction from) =>
        from.Words is [_, var keyword, var name] && keyword.Equals("as", StringComparison.OrdinalIgnoreCase) && StageName.IsMatch(name)
            ? name.ToLowerInvariant()
            : null;

    /// <summary>The stages begun so far: how many, and at which number each name began (the engine's names are lower case).</summary>
    private sealed class Stages
    {
        private readonly Dictionary<string, int> _numbers = new(StringComparer.Ordinal);

        public int Count { get; private set; }

        public void Begin(string? name)
        {
            if (name is not null) _numbers.TryAdd(name, Count);
            Count++;
        }

        /// <summary>A stage before number <paramref name="end"/>, by name (case-insensitive, as the engine) or by its 0-based number.</summary>
        public bool IsBefore(string value, int end) =>
            StageIndex.IsMatch(value)
                ? BigInteger.TryParse(value, out var number) && number >= 0 && number < end
                : IsNamedBefore(value, end);

        public bool IsNamedBefore(string value, int end) =>
            StageName.IsMatch(value) && _numbers.TryGetValue(value.ToLowerInvariant(), out var number) && number < end;
    }

    private static (string Name, string Value) SplitFlag(string flag)
    {
        var body = flag.StartsWith("--", StringComparison.Ordinal) ? flag[2..] : flag;
        var equals = body.IndexOf('=');
        return equals < 0 ? (body, "") : (body[..equals], body[(equals + 1)..]);
    }

    /// <summary>The from= values of a --mount (a CSV list of key=value); read loosely, so a quoted trick still shows its from=.</summary>
    private static IEnumerable<string> MountSources(string mount) =>
        mount.Split(',')
            .Select(field => field.Replace("\"", "").Split('=', 2))
            .Where(pair => pair.Length == 2 && pair[0].Trim().Equals("from", StringComparison.OrdinalIgnoreCase))
            .Select(pair => pair[1]);

    /// <summary>All but the last argument, in both the JSON and the shell reading: a source either reading shows is checked.</summary>
    private static IEnumerable<string> AddSources(DockerfileInstruction add)
    {
        var readings = new List<IReadOnlyList<string>> { add.Words };
        if (add.JsonList is { } json) readings.Add(json);
        return readings.SelectMany(arguments => arguments.Take(arguments.Count - 1));
    }

    /// <summary>
    /// The engine removes quotes and escape characters from ADD sources before it looks for a URL ("ht\tp://" is http://);
    /// dropping every one of them (and decoding JSON's \u escapes) can only reveal more URLs, never hide one.
    /// </summary>
    private static string Normalize(string source)
    {
        var decoded = JsonEscape.Replace(source, m => ((char)Convert.ToInt32(m.Groups[1].Value, 16)).ToString());
        var kept = new StringBuilder(decoded.Length);
        foreach (var c in decoded)
            if (c is not ('"' or '\'' or '\\' or '`')) kept.Append(c);
        return kept.ToString().ToLowerInvariant();
    }

    /// <summary>Each top-level Dockerfile in the tar (git archive writes one); refused unless it is a plain UTF-8 file.</summary>
    private static List<string> ReadDockerfiles(SourceSnapshot source)
    {
        var texts = new List<string>();
        using var reader = new TarReader(new MemoryStream(source.Tar));
        while (reader.GetNextEntry(copyData: false) is { } entry)
        {
            if (entry.EntryType is TarEntryType.GlobalExtendedAttributes || CleanPath(entry.Name) != FileName) continue;
            // The engine follows a symlink named Dockerfile (and falls back to "dockerfile"): we check only what we can read.
            if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile))
                throw DomainException.Invalid(
                    "Euer Dockerfile ist keine normale Datei (z. B. ein Symlink). Legt es als normale Datei in den obersten Ordner.",
                    "Your Dockerfile is not a plain file (e.g. a symlink). Put it in the top folder as a plain file.");
            if (entry.Length > MaxDockerfileBytes)
                throw DomainException.TooLarge(
                    $"Euer Dockerfile ist grösser als {MaxDockerfileBytes / 1024 / 1024} MB. So gross ist kein Rezept: schreibt es kürzer.",
                    $"Your Dockerfile is larger than {MaxDockerfileBytes / 1024 / 1024} MB. No recipe is that long: make it shorter.");
            var bytes = new MemoryStream();
            entry.DataStream?.CopyTo(bytes);
            try
            {
                texts.Add(new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes.ToArray()));
            }
            catch (DecoderFallbackException)
            {
                throw DomainException.Invalid(
                    "Euer Dockerfile ist kein UTF-8-Text. Speichert es in eurem Editor als UTF-8.",
                    "Your Dockerfile is not UTF-8 text. Save it as UTF-8 in your editor.");
            }
        }
        if (texts.Count == 0)
            throw DomainException.Invalid(
                "Im obersten Ordner fehlt die Datei Dockerfile (genau so geschrieben, mit grossem D).",
                "There is no file named Dockerfile (spelled exactly like that, capital D) in the top folder.");
        return texts;
    }

    /// <summary>The path as the engine unpacks it ("./Dockerfile", "a/../Dockerfile" → "Dockerfile").</summary>
    private static string CleanPath(string name)
    {
        var parts = new List<string>();
        foreach (var part in name.Split('/'))
            if (part == "..") { if (parts.Count > 0) parts.RemoveAt(parts.Count - 1); }
            else if (part is not ("" or ".")) parts.Add(part);
        return string.Join('/', parts);
    }

    private static string German(DockerfileFinding f)
    {
        var where = f.StartLine == f.EndLine ? $"Zeile {f.StartLine}" : $"Zeilen {f.StartLine}–{f.EndLine}";
        var images = string.Join(", ", BaseImages);
        return $"{where}: {Shown(f.Text)} ist nicht erlaubt. " + f.Refusal switch
        {
            DockerfileRefusal.BaseImage =>
                $"Baut auf einem Bild der Plattform auf ({images}) oder auf einer früheren Stufe dieses Dockerfiles.",
            DockerfileRefusal.BaseImageVariable =>
                $"Variablen ($…) gehen in FROM nicht. Schreibt den Namen aus: ein Bild der Plattform ({images}) oder eine frühere Stufe dieses Dockerfiles.",
            DockerfileRefusal.StageSource =>
                "--from darf nur eine frühere Stufe dieses Dockerfiles nennen: ihren Namen (FROM … AS name) oder ihre Nummer (die erste Stufe ist 0). Bilder von anderen Projekten sind tabu.",
            DockerfileRefusal.AddUrl =>
                "ADD darf nichts aus dem Netz holen (keine Adressen mit ://). Legt die Datei ins Repository und kopiert sie mit COPY, oder ladet sie in einem RUN-Schritt herunter (z. B. mit curl).",
            _ =>
                "In den Quellen von ADD sind keine Variablen ($…) erlaubt. Schreibt den Pfad aus oder nehmt COPY.",
        };
    }

    private static string English(DockerfileFinding f)
    {
        var where = f.StartLine == f.EndLine ? $"Line {f.StartLine}" : $"Lines {f.StartLine}–{f.EndLine}";
        var images = string.Join(", ", BaseImages);
        return $"{where}: {Shown(f.Text)} is not allowed. " + f.Refusal switch
        {
            DockerfileRefusal.BaseImage =>
                $"Build on one of the platform's images ({images}) or on an earlier stage of this Dockerfile.",
            DockerfileRefusal.BaseImageVariable =>
                $"Variables ($…) do not work in FROM. Write the name out: one of the platform's images ({images}) or an earlier stage of this Dockerfile.",
            DockerfileRefusal.StageSource =>
                "--from may only name an earlier stage of this Dockerfile: its name (FROM … AS name) or its number (the first stage is 0). Other projects' images are off limits.",
            DockerfileRefusal.AddUrl =>
                "ADD may not fetch anything from the network (no addresses with ://). Put the file in your repository and copy it with COPY, or download it in a RUN step (e.g. with curl).",
            _ =>
                "ADD sources may not use variables ($…). Write the path out or use COPY.",
        };
    }

    /// <summary>The instruction on one line, shortened: a continued instruction keeps the spaces of its lines.</summary>
    private static string Shown(string text)
    {
        var oneLine = DockerfileParser.Whitespace.Replace(text, " ");
        return oneLine.Length <= MaxShownText ? oneLine : oneLine[..MaxShownText] + " …";
    }
}
