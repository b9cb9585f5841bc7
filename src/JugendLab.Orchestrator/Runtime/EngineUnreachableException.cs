namespace JugendLab.Orchestrator.Runtime;

/// <summary>The Docker engine did not answer. The message says how to start it.</summary>
public sealed class EngineUnreachableException(string endpoint, Exception inner) : Exception(
    $"The Docker engine at {endpoint} cannot be reached ({inner.Message}). Start it with: " +
    "'sudo apt-get install -y docker.io' (once) and 'sudo dockerd > /var/log/dockerd.log 2>&1 &', " +
    "or run ./jugendlab start which does both.", inner);
