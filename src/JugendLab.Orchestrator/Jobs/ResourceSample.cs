namespace JugendLab.Orchestrator.Jobs;

/// <summary>CPU and memory use of a project's live container at one moment, for the UI's charts.</summary>
public sealed class ResourceSample(int projectId, DateTimeOffset at, double cpuPercent, long memoryBytes, long memoryLimitBytes)
{
    public long Id { get; private set; }
    public int ProjectId { get; private set; } = projectId;
    public DateTimeOffset At { get; private set; } = at;
    public double CpuPercent { get; private set; } = cpuPercent;
    public long MemoryBytes { get; private set; } = memoryBytes;
    public long MemoryLimitBytes { get; private set; } = memoryLimitBytes;
}
