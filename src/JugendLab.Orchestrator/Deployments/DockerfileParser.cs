using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace JugendLab.Orchestrator.Deployments;

/// <summary>One instruction of a Dockerfile as the engine's parser sees it, with the lines it came from.</summary>
public sealed record DockerfileInstruction(int StartLine, int EndLine, string Text, string Keyword, IReadOnlyList<string> Flags, string Arguments)
{
    /// <summary>For ONBUILD: the instruction after it, parsed the way the engine parses it at once.</summary>
    public DockerfileInstruction? Inner { get; init; }

    /// <summary>For ONBUILD: the trigger the engine stores in the image and parses again, on its own, when a later stage builds on it.</summary>
    public IReadOnlyList<DockerfileInstruction> Trigger { get; init; } = [];

    /// <summary>The arguments split at whitespace (how FROM reads them, and the shell form of ADD and COPY).</summary>
    public IReadOnlyList<string> Words => Arguments.Length == 0 ? [] : DockerfileParser.Whitespace.Split(Arguments);

    /// <summary>The arguments as a JSON list of strings (the exec form), or null when they are not one.</summary>
    public IReadOnlyList<string>? JsonList => DockerfileParser.ReadJsonList(Arguments);
}

/// <summary>
/// Reads a Dockerfile line by line the way Docker's parser does (moby/buildkit frontend/dockerfile/parser, as vendored
/// in Engine 20.10): parser directives, the escape character, continuation lines, comments and blank lines inside them,
/// flags, and ONBUILD. It mirrors the engine on purpose: a policy that reads the file differently from the engine can be
/// fooled by a line that means one thing to us and another to the build.
/// </summary>
public static class DockerfileParser
{
    internal static readonly Regex Whitespace = new("[\t\v\f\r ]+", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
    private static readonly Regex OnbuildPrefix = new(@"^[\t\n\f\r ]*ONBUILD[\t\n\f\r ]*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
    // ONBUILD inside ONBUILD is refused by the engine; a few levels cover every spelling it still accepts, and the cap keeps
    // a line of ten thousand ONBUILDs from costing us more than it costs the engine.
    private const int MaxOnbuildDepth = 4;

    public static IReadOnlyList<DockerfileInstruction> Parse(string text) => Parse(text, depth: 0);

    private static List<DockerfileInstruction> Parse(string text, int depth)
    {
        var lines = text.Split('\n');
        if (lines[0].StartsWith('\uFEFF')) lines[0] = lines[0][1..];
        var escape = '\\';
        var directivesDone = false;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<DockerfileInstruction>();
        var i = 0;
        while (i < lines.Length)
        {
            var token = lines[i].TrimEnd('\r', '\n').TrimStart();
            if (!directivesDone) directivesDone = !ReadDirective(token, seen, ref escape);
            i++;
            var startLine = i;
            var (first, ended) = TrimContinuation(token.StartsWith('#') ? "" : token, escape);
            if (ended && first.Length == 0) continue;
            var line = new StringBuilder(first);
            while (!ended && i < lines.Length)
            {
                var next = lines[i].TrimEnd('\r', '\n');
                i++;
                // Inside a continuation the engine skips comment lines and blank lines instead of ending the instruction.
                var content = next.TrimStart();
                if (content.StartsWith('#') || content.Length == 0) continue;
                (var part, ended) = TrimContinuation(next, escape);
                line.Append(part);
            }
            result.Add(FromLine(line.ToString(), startLine, i, depth));
        }
        return result;
    }

    /// <summary>
    /// True when the line is a parser directive (<c>#key=value</c> with a key the engine knows); only <c>escape</c> changes how
    /// we read the rest. Read by hand: the engine's regular expression would backtrack badly here on a long line.
    /// </summary>
    private static bool ReadDirective(string line, HashSet<string> seen, ref char escape)
    {
        if (!line.StartsWith('#')) return false;
        var rest = line[1..].TrimStart(GoSpace);
        var keyLength = 0;
        while (keyLength < rest.Length && (char.IsAsciiLetter(rest[keyLength]) || keyLength > 0 && char.IsAsciiDigit(rest[keyLength]))) keyLength++;
        var afterKey = rest[keyLength..].TrimStart(GoSpace);
        if (keyLength == 0 || !afterKey.StartsWith('=')) return false;
        var key = rest[..keyLength].ToLowerInvariant();
        var value = afterKey[1..].Trim(GoSpace);
        if (value.Length == 0 || key is not ("escape" or "syntax")) return false;
        // A repeated or invalid directive makes the engine refuse the whole file, so whatever we read next is never built.
        if (seen.Add(key) && key == "escape" && value is "`" or "\\") escape = value[0];
        return true;
    }

    /// <summary>What <c>\s</c> matches in Go's regular expressions.</summary>
    private static readonly char[] GoSpace = ['\t', '\n', '\f', '\r', ' '];

    /// <summary>The escape character as the last non-blank character continues the line, unless it is itself escaped.</summary>
    private static (string Line, bool Ended) TrimContinuation(string line, char escape)
    {
        var trimmed = line.TrimEnd(' ', '\t');
        if (trimmed.Length == 0 || trimmed[^1] != escape) return (line, true);
        if (trimmed.Length >= 2 && trimmed[^2] == escape) return (line, true);
        return (trimmed[..^1], false);
    }

    private static DockerfileInstruction FromLine(string line, int startLine, int endLine, int depth)
    {
        var parts = Whitespace.Split(line.Trim(), 2);
        var keyword = EngineLower(parts[0]);
        var (arguments, flags) = parts.Length == 2 ? ExtractFlags(parts[1]) : ("", []);
        var instruction = new DockerfileInstruction(startLine, endLine, line.Trim(), keyword, flags, arguments.Trim());
        if (keyword != "onbuild" || instruction.Arguments.Length == 0 || depth >= MaxOnbuildDepth) return instruction;

        var trigger = OnbuildPrefix.Replace(line, "");
        return instruction with
        {
            Inner = FromLine(instruction.Arguments, startLine, endLine, depth + 1),
            Trigger = trigger == line ? [] : Parse(trigger, depth + 1).Select(t => t with { StartLine = startLine, EndLine = endLine }).ToList(),
        };
    }

    /// <summary>Go's strings.ToLower folds a few non-ASCII letters to ASCII ones (İ → i, K → k): "ONBUİLD" is ONBUILD to the engine.</summary>
    private static string EngineLower(string word) =>
        string.Concat(word.Select(c => c switch { '\u0130' => 'i', '\u212A' => 'k', _ => char.ToLowerInvariant(c) }));

    /// <summary>
    /// Splits leading "--name=value" flags off the arguments, byte by byte as the engine does: quotes and backslashes inside
    /// a flag are resolved, any byte Go's unicode.IsSpace accepts (0x85 and 0xA0 included) ends a flag, and each byte of a
    /// flag becomes one character (Latin-1), as in Go's <c>string(rune(b))</c>.
    /// </summary>
    private static (string Arguments, List<string> Flags) ExtractFlags(string line)
    {
        var bytes = Encoding.UTF8.GetBytes(line);
        var words = new List<string>();
        var word = new List<byte>();
        var inWord = false;
        var quote = (byte)0;
        var blankOk = false;
        for (var pos = 0; pos <= bytes.Length; pos++)
        {
            if (!inWord)
            {
                if (pos == bytes.Length) break;
                if (IsSpace(bytes[pos])) continue;
                if (bytes[pos] != '-' || pos + 1 == bytes.Length || bytes[pos + 1] != '-')
                    return (Encoding.UTF8.GetString(bytes, pos, bytes.Length - pos), words);
                inWord = true;
            }
            if (pos == bytes.Length)
            {
                if (!IsDashDash(word) && (blankOk || word.Count > 0)) words.Add(Encoding.Latin1.GetString([.. word]));
                break;
            }
            var ch = bytes[pos];
            if (quote == 0 && IsSpace(ch))
            {
                inWord = false;
                if (IsDashDash(word)) return (Encoding.UTF8.GetString(bytes, pos, bytes.Length - pos), words);
                if (blankOk || word.Count > 0) words.Add(Encoding.Latin1.GetString([.. word]));
                word.Clear();
                blankOk = false;
                continue;
            }
            if (quote == 0 && ch is (byte)'\'' or (byte)'"')
            {
                quote = ch;
                blankOk = true;
                continue;
            }
            if (quote != 0 && ch == quote)
            {
                quote = 0;
                continue;
            }
            if (ch == '\\')
            {
                if (pos + 1 == bytes.Length)
                {
                    quote = 0;
                    continue;
                }
                ch = bytes[++pos];
            }
            word.Add(ch);
        }
        return ("", words);
    }

    private static bool IsDashDash(List<byte> word) => word is [(byte)'-', (byte)'-'];

    /// <summary>unicode.IsSpace applied to a single byte, as the engine's flag splitter does.</summary>
    private static bool IsSpace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\v' or (byte)'\f' or (byte)'\r' or 0x85 or 0xA0;

    /// <summary>The first JSON value of the arguments when it is a list of strings; text after it is ignored, as the engine does.</summary>
    internal static IReadOnlyList<string>? ReadJsonList(string arguments)
    {
        if (!arguments.TrimStart().StartsWith('[')) return null;
        try
        {
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(arguments.TrimStart()), new JsonReaderOptions { AllowMultipleValues = true });
            using var document = JsonDocument.ParseValue(ref reader);
            if (document.RootElement.ValueKind != JsonValueKind.Array) return null;
            var items = new List<string>();
            foreach (var item in document.RootElement.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.String) return null;
                items.Add(item.GetString()!);
            }
            return items;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return null;
        }
    }
}
