using JugendLab.Orchestrator.Notices;

namespace JugendLab.Tests.Notices;

public sealed class BotCommandTests
{
    [Theory]
    [InlineData("!status", BotCommand.Status, null, false)]
    [InlineData("  !STATUS  ", BotCommand.Status, null, false)]
    [InlineData("!deploy meine-seite", BotCommand.Deploy, "meine-seite", false)]
    [InlineData("!deploy   meine-seite  ", BotCommand.Deploy, "meine-seite", false)]
    [InlineData("!hilfe", BotCommand.Help, null, false)]
    [InlineData("!help", BotCommand.Help, null, true)]
    [InlineData("!tanzen jetzt", BotCommand.Unknown, "tanzen", false)]
    public void Commands_AreRead_WithTheirArgument(string body, string name, string? argument, bool english)
    {
        var command = BotCommand.Parse(body);

        Assert.NotNull(command);
        Assert.Equal(name, command.Name);
        Assert.Equal(argument, command.Argument);
        Assert.Equal(english, command.English);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Hallo zusammen!")]
    [InlineData("Wer kommt morgen? !status")]
    [InlineData("!")]
    [InlineData("!status\n!deploy x")]
    public void OrdinaryMessages_AreNoCommands(string? body) => Assert.Null(BotCommand.Parse(body));

    [Fact]
    public void AVeryLongMessage_IsNoCommand() => Assert.Null(BotCommand.Parse("!deploy " + new string('a', 300)));
}

public sealed class RecentIdsTests
{
    [Fact]
    public void AnId_IsNewOnce_UntilItIsForgotten()
    {
        var ids = new RecentIds(2);

        Assert.True(ids.Add("$a"));
        Assert.False(ids.Add("$a"));
        Assert.True(ids.Add("$b"));
        Assert.True(ids.Add("$c")); // $a is forgotten now
        Assert.False(ids.Add("$b"));
        Assert.True(ids.Add("$a"));
    }
}
