namespace JugendLab.Orchestrator.Deployments;

/// <summary>Where a deployment's code comes from.</summary>
public abstract record CodeSource
{
    /// <summary>How the deployment records its source.</summary>
    public abstract string Describe();
}

/// <summary>A commit that is being pushed. While pre-receive runs, its objects are still in git's quarantine folder.</summary>
public sealed record PushedCommit(string RepositoryPath, string Commit, string? QuarantinePath) : CodeSource
{
    public override string Describe() => "push";
}

/// <summary>A public git repository, cloned over https.</summary>
public sealed record GitUrl(string Url, string? Ref) : CodeSource
{
    public override string Describe() => Ref is null ? Url : $"{Url}#{Ref}";
}

/// <summary>The newest commit of a branch of the project's own repository: "Neu veröffentlichen" and a starter's first deploy.</summary>
public sealed record RepositoryBranch(string RepositoryPath, string Branch) : CodeSource
{
    public override string Describe() => "web";
}

/// <summary>The image of an earlier deployment of the same project, started again: a rollback, or new settings.</summary>
public sealed record KeptImage(int DeploymentId, KeptImageReason Reason) : CodeSource
{
    public override string Describe() => Reason == KeptImageReason.Rollback ? "rollback" : "settings";
}

/// <summary>Why a kept image runs again.</summary>
public enum KeptImageReason { Rollback, Settings }
