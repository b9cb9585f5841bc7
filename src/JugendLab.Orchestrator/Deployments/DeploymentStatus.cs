namespace JugendLab.Orchestrator.Deployments;

/// <summary>A deployment moves Building → Starting → Live → Retired, or ends Failed.</summary>
public enum DeploymentStatus { Building, Starting, Live, Retired, Failed }
