namespace JugendLab.Orchestrator.Errors;

/// <summary>What kind of mistake a <see cref="DomainException"/> reports; the API maps it to an HTTP status in one place.</summary>
public enum ErrorKind { Invalid, NotFound, Forbidden, Conflict, QuotaExceeded, TooLarge, TooMany, Unavailable }

/// <summary>A failure a person can act on, told in German (first) and English.</summary>
public sealed class DomainException(ErrorKind kind, string german, string english) : Exception(english)
{
    public ErrorKind Kind { get; } = kind;
    public string German { get; } = german;
    public string English { get; } = english;

    /// <summary>The message in the language the person asked for (German unless they prefer English).</summary>
    public string In(Language language) => language == Language.English ? English : German;

    public static DomainException Invalid(string de, string en) => new(ErrorKind.Invalid, de, en);
    public static DomainException NotFound(string de, string en) => new(ErrorKind.NotFound, de, en);
    public static DomainException Forbidden(string de, string en) => new(ErrorKind.Forbidden, de, en);
    public static DomainException Conflict(string de, string en) => new(ErrorKind.Conflict, de, en);
    public static DomainException Quota(string de, string en) => new(ErrorKind.QuotaExceeded, de, en);
    public static DomainException TooLarge(string de, string en) => new(ErrorKind.TooLarge, de, en);
    public static DomainException TooMany(string de, string en) => new(ErrorKind.TooMany, de, en);
    /// <summary>A service the platform needs (the homeserver) is not running: try again later.</summary>
    public static DomainException Unavailable(string de, string en) => new(ErrorKind.Unavailable, de, en);
}

/// <summary>The two languages the platform speaks.</summary>
public enum Language { German, English }

/// <summary>Picks the language from an Accept-Language header: English only when preferred over German.</summary>
public static class LanguageChoice
{
    public static Language FromAcceptLanguage(string? header)
    {
        if (string.IsNullOrWhiteSpace(header)) return Language.German;
        foreach (var part in header.Split(','))
        {
            var tag = part.Split(';')[0].Trim().ToLowerInvariant();
            if (tag.StartsWith("de")) return Language.German;
            if (tag.StartsWith("en")) return Language.English;
        }
        return Language.German;
    }
}
