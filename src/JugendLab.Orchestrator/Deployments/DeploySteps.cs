namespace JugendLab.Orchestrator.Deployments;

/// <summary>The texts of the pipeline's step lines that tell a watcher the phase: from here on the app is starting.</summary>
public static class DeploySteps
{
    public const string Prefix = "-----> ";
    public const string StartingGerman = "Starte den Container";
    public const string StartingEnglish = "Starting the container";
    public const string WaitingGerman = "Warte, bis die App antwortet";
    public const string WaitingEnglish = "Waiting for the app to answer";
}

/// <summary>What a running deploy is doing, as its build log shows it.</summary>
public enum DeployPhase { Building, Starting }

/// <summary>
/// Follows a build log line by line: how many step lines ("-----> ") came so far — "Fehler in Schritt 3" counts them —
/// and whether the deploy is still building or already starting the app.
/// </summary>
public sealed class BuildProgress
{
    public int Step { get; private set; }
    public DeployPhase Phase { get; private set; } = DeployPhase.Building;

    /// <summary>Takes the next line; true when it changed the step or the phase.</summary>
    public bool Add(string line)
    {
        if (!line.StartsWith(DeploySteps.Prefix, StringComparison.Ordinal)) return false;
        Step++;
        var text = line[DeploySteps.Prefix.Length..];
        if (text is DeploySteps.StartingGerman or DeploySteps.StartingEnglish or DeploySteps.WaitingGerman or DeploySteps.WaitingEnglish)
            Phase = DeployPhase.Starting;
        return true;
    }

    public static BuildProgress Of(IEnumerable<string> lines)
    {
        var progress = new BuildProgress();
        foreach (var line in lines) progress.Add(line);
        return progress;
    }
}
