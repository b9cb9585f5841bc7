namespace JugendLab.Orchestrator.Deployments;

/// <summary>What a reader of a build log gets from <see cref="BuildLogFeed"/>, in order.</summary>
public abstract record BuildLogEvent;

/// <summary>One line of the log; <paramref name="Number"/> counts from 1, as the log file's lines.</summary>
public sealed record BuildLogLine(long Number, string Text) : BuildLogEvent;

/// <summary>The deploy is in a new step or phase.</summary>
public sealed record BuildLogProgress(DeployPhase Phase, int Step) : BuildLogEvent;

/// <summary>The last event: how the deploy ended (Live or Failed; an unfinished status means it was interrupted, e.g. by a restart).</summary>
public sealed record BuildLogEnd(DeploymentStatus Status, int Step, string? Error) : BuildLogEvent
{
    public bool Succeeded => Status is DeploymentStatus.Live or DeploymentStatus.Retired;
}
