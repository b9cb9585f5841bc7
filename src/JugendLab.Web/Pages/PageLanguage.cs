using System.Globalization;
using JugendLab.Orchestrator.Errors;

namespace JugendLab.Web.Pages;

/// <summary>The language a page is shown in, for the messages the services write in both languages.</summary>
public static class PageLanguage
{
    public static Language Current =>
        CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? Language.English : Language.German;
}
