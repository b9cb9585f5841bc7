using JugendLab.Orchestrator.Errors;

namespace JugendLab.Tests.Errors;

public sealed class LanguageChoiceTests
{
    [Theory]
    [InlineData(null, Language.German)]
    [InlineData("", Language.German)]
    [InlineData("en-US,en;q=0.9", Language.English)]
    [InlineData("de-DE,de;q=0.9,en;q=0.8", Language.German)]
    [InlineData("tr-TR, en;q=0.5", Language.English)]
    [InlineData("fr", Language.German)]
    public void FromAcceptLanguage_PrefersGermanUnlessEnglishComesFirst(string? header, Language expected) =>
        Assert.Equal(expected, LanguageChoice.FromAcceptLanguage(header));
}
