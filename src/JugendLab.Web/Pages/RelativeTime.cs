using Microsoft.Extensions.Localization;

namespace JugendLab.Web.Pages;

/// <summary>"vor 5 Minuten": how long ago something happened, in whole minutes, hours or days (rounded down).</summary>
public static class RelativeTime
{
    /// <summary>The text key and the number it needs; a time in the future (clocks a little apart) counts as just now.</summary>
    public static (string Key, int Count) Of(DateTimeOffset at, DateTimeOffset now)
    {
        var ago = now - at;
        return ago switch
        {
            _ when ago < TimeSpan.FromMinutes(1) => ("TimeJustNow", 0),
            _ when ago < TimeSpan.FromHours(1) => Counted("Minute", (int)ago.TotalMinutes),
            _ when ago < TimeSpan.FromDays(1) => Counted("Hour", (int)ago.TotalHours),
            _ => Counted("Day", (int)ago.TotalDays),
        };
    }

    public static string Text(DateTimeOffset at, DateTimeOffset now, IStringLocalizer text)
    {
        var (key, count) = Of(at, now);
        return text[key, count];
    }

    private static (string, int) Counted(string unit, int count) => (count == 1 ? $"Time{unit}Ago" : $"Time{unit}sAgo", count);
}
