using System.Globalization;

namespace JugendLab.Orchestrator.Runtime;

/// <summary>Which of the app's two outputs a line came from.</summary>
public enum LogStream { Stdout, Stderr }

/// <summary>One line an app printed, with the engine's timestamp (RFC 3339 with nanoseconds, UTC) as the engine wrote it.</summary>
public sealed record ContainerLogLine(LogTimestamp Time, LogStream Stream, string Text);

/// <summary>What to read from a container's log: the last <see cref="Tail"/> lines (after <see cref="Since"/>), then, with
/// <see cref="Follow"/>, every new line until the container stops or the reader cancels.</summary>
public sealed record ContainerLogQuery(int Tail, LogTimestamp? Since, bool Follow);

/// <summary>
/// An engine log timestamp to the nanosecond. <see cref="DateTimeOffset"/> keeps only 100 ns, which is not enough to tell
/// apart lines printed in one burst, so resuming "after the last line seen" compares these instead.
/// </summary>
public readonly record struct LogTimestamp(long UnixSeconds, int Nanoseconds) : IComparable<LogTimestamp>
{
    public int CompareTo(LogTimestamp other) =>
        UnixSeconds != other.UnixSeconds ? UnixSeconds.CompareTo(other.UnixSeconds) : Nanoseconds.CompareTo(other.Nanoseconds);

    public static bool operator <(LogTimestamp a, LogTimestamp b) => a.CompareTo(b) < 0;
    public static bool operator >(LogTimestamp a, LogTimestamp b) => a.CompareTo(b) > 0;
    public static bool operator <=(LogTimestamp a, LogTimestamp b) => a.CompareTo(b) <= 0;
    public static bool operator >=(LogTimestamp a, LogTimestamp b) => a.CompareTo(b) >= 0;

    public DateTimeOffset ToDateTimeOffset() =>
        DateTimeOffset.FromUnixTimeSeconds(UnixSeconds).AddTicks(Nanoseconds / 100);

    /// <summary>The form the engine's <c>since</c> parameter takes: seconds.nanoseconds since 1970.</summary>
    public string ToEngineSince() => string.Create(CultureInfo.InvariantCulture, $"{UnixSeconds}.{Nanoseconds:D9}");

    /// <summary>RFC 3339 in UTC with all nine digits, as the engine prints it (and as SSE event ids carry it).</summary>
    public override string ToString() =>
        DateTimeOffset.FromUnixTimeSeconds(UnixSeconds).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture)
        + string.Create(CultureInfo.InvariantCulture, $".{Nanoseconds:D9}Z");

    /// <summary>Reads "2026-12-02T07:48:18.123456789Z" (fraction optional, any offset); false for anything else.</summary>
    public static bool TryParse(string? text, out LogTimestamp value)
    {
        value = default;
        if (string.IsNullOrEmpty(text) || text.Length < 20 || text.Length > 40) return false;
        var dot = text.IndexOf('.', 19);
        var zone = text.IndexOfAny(['Z', 'z', '+', '-'], 19);
        if (zone < 0) return false;
        var nanos = 0;
        if (dot == 19)
        {
            var digits = text[20..zone];
            if (digits.Length is 0 or > 9 || !digits.All(char.IsAsciiDigit)) return false;
            nanos = int.Parse(digits.PadRight(9, '0'), CultureInfo.InvariantCulture);
        }
        else if (zone != 19) return false;
        if (!DateTimeOffset.TryParseExact(text[..19] + text[zone..], ["yyyy-MM-dd'T'HH:mm:ssK"], CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal, out var seconds)) return false;
        value = new LogTimestamp(seconds.ToUnixTimeSeconds(), nanos);
        return true;
    }
}
