using System.Text;

namespace JugendLab.Orchestrator.Runtime;

/// <summary>
/// Turns one output stream of a container's log (bytes in chunks, as the engine sends them) into whole lines with their
/// timestamps. A line may be split across chunks, and so may a UTF-8 character; both are joined. A line longer than
/// <see cref="MaxLineChars"/> is cut there and marked, so an app printing one huge line cannot bloat the platform.
/// </summary>
public sealed class LogLineSplitter(LogStream stream)
{
    /// <summary>About 4 KB of text: a long stack-trace line fits, a runaway print does not.</summary>
    public const int MaxLineChars = 4096;

    /// <summary>Appended to a line that was cut.</summary>
    public const string CutMarker = " […]";

    private readonly Decoder _decoder = new UTF8Encoding(false, false).GetDecoder();
    private readonly StringBuilder _line = new();
    private char[] _chars = new char[1024];
    private bool _cut;

    /// <summary>Adds a chunk; returns the lines it completed (often none or one).</summary>
    public IReadOnlyList<ContainerLogLine> Add(ReadOnlySpan<byte> chunk)
    {
        var needed = _decoder.GetCharCount(chunk, flush: false);
        if (needed > _chars.Length) _chars = new char[Math.Max(needed, _chars.Length * 2)];
        var count = _decoder.GetChars(chunk, _chars, flush: false);
        List<ContainerLogLine>? lines = null;
        var text = _chars.AsSpan(0, count);
        for (var newline = text.IndexOf('\n'); newline >= 0; newline = text.IndexOf('\n'))
        {
            Append(text[..newline]);
            if (Complete() is { } line) (lines ??= []).Add(line);
            text = text[(newline + 1)..];
        }
        Append(text);
        return lines ?? (IReadOnlyList<ContainerLogLine>)[];
    }

    /// <summary>The last line when the stream ended without a newline.</summary>
    public ContainerLogLine? Flush() => Complete();

    private void Append(ReadOnlySpan<char> text)
    {
        // The timestamp and its space come first; allow for them on top of the text's own cap.
        var room = MaxLineChars + 40 - _line.Length;
        if (text.Length <= room) { _line.Append(text); return; }
        _line.Append(text[..Math.Max(room, 0)]);
        _cut = true;
    }

    private ContainerLogLine? Complete()
    {
        var raw = _line.ToString();
        var cut = _cut;
        _line.Clear();
        _cut = false;
        return Parse(raw.TrimEnd('\r'), cut);
    }

    private ContainerLogLine? Parse(string raw, bool cut)
    {
        if (raw.Length == 0) return null;
        var space = raw.IndexOf(' ');
        if (space < 0 || !LogTimestamp.TryParse(raw[..space], out var time)) return null; // not a line the engine stamped
        var text = raw[(space + 1)..];
        if (text.Length > MaxLineChars) { text = text[..MaxLineChars]; cut = true; }
        return new ContainerLogLine(time, stream, cut ? text + CutMarker : text);
    }
}
