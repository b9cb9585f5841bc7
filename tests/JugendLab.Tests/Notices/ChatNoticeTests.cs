using JugendLab.Orchestrator.Notices;

namespace JugendLab.Tests.Notices;

public sealed class ChatNoticeTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-12-03T10:00:00Z");

    [Fact]
    public void AFailedSend_IsTriedAgain_AfterAGrowingPause_UpToTheLongest()
    {
        var notice = ChatNotice.ForTeam(7, "Online: web", Now);
        var longest = TimeSpan.FromMinutes(5);
        var waits = new List<TimeSpan>();
        for (var i = 0; i < 10; i++)
        {
            notice.Failed("503", Now, longest);
            waits.Add(notice.NextAttemptAt - Now);
        }

        Assert.Equal([2, 4, 8, 16, 32, 64, 128, 256, 300, 300], waits.Select(w => w.TotalSeconds));
        Assert.Equal(10, notice.Attempts);
        Assert.Null(notice.SentAt);
    }

    [Fact]
    public void TheTransactionId_IsTheSameOnEveryTry()
    {
        var notice = ChatNotice.ForMentors("Neue Anfrage", Now);
        var first = notice.TransactionId;
        notice.Failed("timeout", Now, TimeSpan.FromMinutes(5));

        Assert.Equal(first, notice.TransactionId);
        Assert.Equal(ChatRoom.MentorsKey, notice.RoomKey);
    }

    [Fact]
    public void ASentNotice_ForgetsItsLastError()
    {
        var notice = ChatNotice.ForTeam(3, "x", Now);
        notice.Failed("connection refused", Now, TimeSpan.FromMinutes(5));
        notice.Sent(Now.AddSeconds(5));

        Assert.Equal(Now.AddSeconds(5), notice.SentAt);
        Assert.Null(notice.LastError);
        Assert.Equal("team:3", notice.RoomKey);
    }

    [Fact]
    public void AVeryLongText_IsCut()
    {
        var notice = ChatNotice.ForTeam(1, new string('x', 10_000), Now);

        Assert.Equal(ChatNotice.MaxTextLength, notice.Text.Length);
        Assert.EndsWith("…", notice.Text);
    }

    [Theory]
    [InlineData("team:12", 12)]
    [InlineData("mentors", null)]
    [InlineData("team:x", null)]
    public void RoomKeys_NameTheirTeam(string key, int? team) => Assert.Equal(team, ChatRoom.TeamOf(key));
}
