namespace JugendLab.Orchestrator.Runtime;

/// <summary>One of this platform's team networks in the engine; <see cref="Subnet"/> is null for one the engine addressed itself.</summary>
public sealed record ManagedNetwork(string Id, string Name, int? TeamId, string? Subnet);
