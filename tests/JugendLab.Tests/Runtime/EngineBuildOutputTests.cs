using JugendLab.Orchestrator.Runtime;

namespace JugendLab.Tests.Runtime;

public sealed class EngineBuildOutputTests
{
    [Fact]
    public void ChunksThatEndMidLine_AreJoinedIntoWholeLines()
    {
        var lines = new List<string>();
        var output = new EngineBuildClient.OutputLines(lines.Add);

        output.Add("fork refused after");
        output.Add(" 510 processes\nuid 0");
        output.Add(" is host uid 100000\r\n\n");
        output.Add("last words");
        output.Flush();

        Assert.Equal(["fork refused after 510 processes", "uid 0 is host uid 100000", "last words"], lines);
    }
}
