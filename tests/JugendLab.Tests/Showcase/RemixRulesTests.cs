using JugendLab.Orchestrator.Accounts;
using JugendLab.Orchestrator.Errors;
using JugendLab.Orchestrator.Projects;
using JugendLab.Orchestrator.Showcase;
using JugendLab.Orchestrator.Teams;

namespace JugendLab.Tests.Showcase;

/// <summary>When a project may be remixed, into which team, with which settings, and how the remix credits its original.</summary>
public sealed class RemixRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 15, 0, 0, TimeSpan.Zero);
    private const int Mia = 7;
    private readonly Team _kiez = new("kiez", new Quota(3, 512, 1.0, 1024), Now);
    private readonly Team _spatzen = new("spatzen", Quota.Default, Now);
    private readonly Actor _mia = new(Mia, "mia", Role.Youth);

    public RemixRulesTests() => _spatzen.AddMember(Mia);

    [Fact]
    public void AShownLiveProjectWhoseTeamAllowsIt_CanBeRemixed()
    {
        var original = Showcased(allowRemix: true);

        Assert.Same(original, RemixRules.EnsureRemixable(original, "kiez-quiz"));
    }

    [Fact]
    public void AShownProjectWhoseTeamDoesNotAllowIt_IsRefused_SayingSo()
    {
        var refused = Assert.Throws<DomainException>(() => RemixRules.EnsureRemixable(Showcased(allowRemix: false), "kiez-quiz"));

        Assert.Equal(ErrorKind.Forbidden, refused.Kind);
        Assert.Contains("Das Team kiez erlaubt nicht, «Kiez-Quiz» zu remixen", refused.German);
    }

    [Fact]
    public void AHiddenProject_LooksLikeItDoesNotExist()
    {
        var hidden = Showcased(allowRemix: true, shown: false);

        Assert.Equal(ErrorKind.NotFound, Assert.Throws<DomainException>(() => RemixRules.EnsureRemixable(hidden, "kiez-quiz")).Kind);
    }

    [Fact]
    public void AStoppedProject_CannotBeRemixed_EvenWhenItsEntryAllowsIt()
    {
        var stopped = Showcased(allowRemix: true);
        stopped.Project.Stop(new Actor(99, "rosa", Role.Mentor), "Lärm");

        Assert.Equal(ErrorKind.NotFound, Assert.Throws<DomainException>(() => RemixRules.EnsureRemixable(stopped, "kiez-quiz")).Kind);
    }

    [Fact]
    public void AProjectWithoutAShowcaseEntry_LooksLikeItDoesNotExist() =>
        Assert.Equal(ErrorKind.NotFound, Assert.Throws<DomainException>(() => RemixRules.EnsureRemixable(null, "kiez-quiz")).Kind);

    [Fact]
    public void IntoAnotherTeamOfTheYouth_IsAllowed() => RemixRules.EnsureCanRemixInto(Showcased(allowRemix: true), _spatzen, _mia);

    [Fact]
    public void IntoTheOriginalsOwnTeam_IsRefused()
    {
        _kiez.AddMember(Mia);

        var refused = Assert.Throws<DomainException>(() => RemixRules.EnsureCanRemixInto(Showcased(allowRemix: true), _kiez, _mia));

        Assert.Equal(ErrorKind.Invalid, refused.Kind);
        Assert.Contains("in ein anderes Team", refused.German);
    }

    [Fact]
    public void IntoATeamTheYouthIsNotIn_IsRefused()
    {
        var other = new Team("falken", Quota.Default, Now);

        var refused = Assert.Throws<DomainException>(() => RemixRules.EnsureCanRemixInto(Showcased(allowRemix: true), other, _mia));

        Assert.Equal(ErrorKind.Forbidden, refused.Kind);
    }

    [Fact]
    public void TheCopy_TakesTheOriginalsTemplate_AndItsMemoryAndCpuOnlyAsFarAsTheTeamsQuotaAllows()
    {
        var original = Showcased(allowRemix: true).Project; // 512 MB and 1 CPU; the Spatzen may have 256 MB and 0.5 CPU

        var settings = RemixRules.Settings(original, _spatzen, "quiz-remix");

        Assert.Equal(new ProjectSettings("quiz-remix", Template.Static, null, 256, 0.5), settings);
        Assert.Equal(new ProjectSettings("x", Template.Static, null, 128, 0.25),
            RemixRules.Settings(new Project(_kiez, "klein", Template.Static, "main", 128, 0.25, Now), _spatzen, "x"));
    }

    [Fact]
    public void TheFirstCommit_NamesTheOriginalAndItsTeam_InGermanAndEnglish()
    {
        var message = RemixRules.CommitMessage(Showcased(allowRemix: true));

        Assert.Equal("Remix von «Kiez-Quiz» (Projekt kiez-quiz von Team kiez)\n\nRemix of \"Kiez-Quiz\" (project kiez-quiz by team kiez)", message);
    }

    [Fact]
    public void TheCopysEntry_IsHidden_TitledAsARemix_AndCarriesTheCredit_WhichChangingTheEntryKeeps()
    {
        var original = Showcased(allowRemix: true);
        var copy = new Project(_spatzen, "quiz-remix", null, "main", 256, 0.5, Now);

        var entry = ShowcaseEntry.ForRemix(copy, original, "mia", Now);
        entry.Change(shown: true, "Unser Quiz", "Neu gemacht", allowRemix: true, "mia", Now);

        Assert.True(entry.IsRemix);
        Assert.Equal(("Kiez-Quiz", "kiez"), (entry.OriginalTitle, entry.OriginalTeam));
        Assert.Same(original.Project, entry.OriginalProject);
        Assert.Equal("Unser Quiz", entry.Title);
        Assert.False(ShowcaseEntry.ForRemix(copy, original, "mia", Now).Shown);
        Assert.Equal("Remix: Kiez-Quiz", ShowcaseEntry.ForRemix(copy, original, "mia", Now).Title);
    }

    [Fact]
    public void ARemixOfALongTitle_StaysWithinTheTitleLength()
    {
        var original = Showcased(allowRemix: true, title: new string('q', ShowcaseEntry.MaxTitleLength));

        var entry = ShowcaseEntry.ForRemix(new Project(_spatzen, "lang", null, "main", 256, 0.5, Now), original, "mia", Now);

        Assert.Equal(ShowcaseEntry.MaxTitleLength, entry.Title.Length);
        Assert.StartsWith("Remix: qqq", entry.Title);
        Assert.Equal(original.Title, entry.OriginalTitle);
    }

    private ShowcaseEntry Showcased(bool allowRemix, bool shown = true, string title = "Kiez-Quiz")
    {
        var project = new Project(_kiez, "kiez-quiz", Template.Static, "main", 512, 1.0, Now);
        project.GoLive(deploymentId: 1);
        var entry = new ShowcaseEntry(project);
        entry.Change(shown, title, null, allowRemix, "ben", Now);
        return entry;
    }
}
