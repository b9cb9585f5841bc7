using JugendLab.Orchestrator.Accounts;
using JugendLab.Orchestrator.Errors;

namespace JugendLab.Orchestrator.Deployments;

/// <summary>One request to build and deploy a project.</summary>
public sealed record DeployRequest(int ProjectId, CodeSource Source, Actor RequestedBy, Language Language);

/// <summary>How a deploy ended, for the pusher or the API caller.</summary>
public sealed record DeployOutcome(int? DeploymentId, bool Succeeded, string? Url, string? Error);
