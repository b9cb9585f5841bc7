using JugendLab.Orchestrator.Configuration;
using JugendLab.Orchestrator.Deployments;
using JugendLab.Orchestrator.Errors;
using JugendLab.Orchestrator.Projects;
using JugendLab.Web.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace JugendLab.Web.Api;

/// <summary>/api/teams/{team}/projects: projects, their settings, stop/start, deployments with logs, and deploy from a git URL.</summary>
public static class ProjectsApi
{
    public static RouteGroupBuilder MapProjectsApi(this RouteGroupBuilder api)
    {
        var projects = api.MapGroup("/teams/{team}/projects");
        projects.MapGet("/", List);
        projects.MapPost("/", Create)
            .WithDescription("Creates a project. With \"starter\" (a key from GET /api/starters) its repository gets the starter's first " +
                             "commit and is deployed at once; with \"starter\": \"git\" and \"gitUrl\" (optional \"ref\") the code is " +
                             "cloned from that public address and deployed. Then the answer has firstDeploymentId: follow the build under " +
                             "/deployments/{id}. Without a starter the project starts empty (send code with git push).");
        projects.MapGet("/{project}", Get);
        projects.MapPatch("/{project}", Update);
        projects.MapDelete("/{project}", Delete)
            .WithDescription("Deletes the project for good: its site, containers, kept versions, repository and /data. " +
                             "`confirm` must repeat the project's name.");
        projects.MapPost("/{project}/stop", Stop)
            .WithDescription("Stops the project; visitors see a pause page. Optional body {\"reason\": \"…\"}. A stop by a mentor or " +
                             "admin sticks: members cannot start or push until staff start it again, and they are told the reason.");
        projects.MapPost("/{project}/start", Start)
            .WithDescription("Starts a stopped or crashed project again. Optional body {\"reason\": \"…\"} (audit log).");
        projects.MapGet("/{project}/usage", Usage)
            .WithDescription("CPU and memory samples of the live container (one a minute, kept a week); `hours` (default 24) looks back.");
        projects.MapGet("/{project}/usage.svg", UsageSvg)
            .WithDescription("The same samples drawn as a chart: memory as a share of the limit, and CPU.");
        projects.MapGet("/{project}/deployments", Deployments);
        projects.MapGet("/{project}/deployments/{id:int}", Deployment);
        projects.MapPost("/{project}/deployments/{id:int}/rollback", Rollback)
            .WithDescription("Goes back to an earlier version: starts its kept image again, or serves a static website's kept files again " +
                             "(nothing is built), and switches the route once it answers, as a new deployment. Possible for the last versions " +
                             "that were online (the platform keeps the live one and three before it). Answers 202 with the new deployment and its log stream.");
        projects.MapPost("/{project}/deployments", DeployFromUrl)
            .Produces<string>(StatusCodes.Status200OK, "text/plain")
            .WithDescription("Clones a public git URL and deploys it. The answer is the build log, streamed live as text; " +
                             "its last line says whether the deploy went live. The deployment is then listed under /deployments.");
        projects.MapPost("/{project}/deployments/redeploy", Redeploy)
            .WithDescription("Publishes the newest commit of the project's deploy branch again, in the background. Answers 202 at once " +
                             "with the new deployment's id and the address of its live build log (logStream). 409 when the branch has " +
                             "no code yet or another deploy of the project is running; 403 when staff stopped the project.");
        projects.MapGet("/{project}/deployments/{id:int}/log/stream", BuildLogStream.StreamAsync)
            .WithDescription("The deployment's build log as Server-Sent Events (text/event-stream): a \"line\" event per line (its id is " +
                             "the line number: reconnect with Last-Event-ID, or ?after=n, to resume without repeats), \"progress\" events " +
                             "({\"phase\":\"building\"|\"starting\",\"step\":n}) while it runs, and last an \"end\" event " +
                             "({\"status\",\"succeeded\",\"step\",\"error\",\"url\"}). Works during the deploy and after it.");
        return api;
    }

    public static async Task<Accepted<StartedDeploymentModel>> Redeploy(string team, string project, HttpContext http,
        ProjectService projects, BackgroundDeploys deploys, CancellationToken ct)
    {
        var actor = http.User.ToActor();
        var target = await projects.GetAsync(actor, team, project, ct);
        var id = await deploys.RedeployAsync(target, actor, LanguageChoice.FromAcceptLanguage(http.Request.Headers.AcceptLanguage), ct);
        var started = Started(team, project, id);
        return TypedResults.Accepted(started.Deployment, started);
    }

    public static async Task<Ok<ProjectModel[]>> List(string team, HttpContext http, ProjectService projects, PlatformUrls urls, CancellationToken ct) =>
        TypedResults.Ok((await projects.ListAsync(http.User.ToActor(), team, ct)).Select(urls.Describe).ToArray());

    public static async Task<Created<ProjectModel>> Create(string team, CreateProjectRequest request, HttpContext http,
        NewProjectService projects, PlatformUrls urls, CancellationToken ct)
    {
        var settings = new ProjectSettings(request.Name, request.Template, request.DeployBranch, request.MemoryMb, request.Cpus);
        var language = LanguageChoice.FromAcceptLanguage(http.Request.Headers.AcceptLanguage);
        var (project, deploymentId) = await projects.CreateAsync(http.User.ToActor(), team,
            new NewProject(settings, request.Starter, request.GitUrl, request.Ref), language, ct);
        return TypedResults.Created($"/api/teams/{team}/projects/{project.Slug}", urls.Describe(project) with { FirstDeploymentId = deploymentId });
    }

    public static async Task<Ok<ProjectModel>> Get(string team, string project, HttpContext http, ProjectService projects, PlatformUrls urls, CancellationToken ct) =>
        TypedResults.Ok(urls.Describe(await projects.GetAsync(http.User.ToActor(), team, project, ct)));

    /// <summary>New memory or CPU restart a live project with them at once; template and branch apply from the next version.</summary>
    public static async Task<Ok<ProjectModel>> Update(string team, string project, UpdateProjectRequest request, HttpContext http,
        KeptVersions versions, PlatformUrls urls, CancellationToken ct)
    {
        var (saved, _) = await versions.ConfigureAsync(http.User.ToActor(), team, project,
            new ProjectSettings(null, request.Template, request.DeployBranch, request.MemoryMb, request.Cpus, request.DetectTemplate),
            LanguageChoice.FromAcceptLanguage(http.Request.Headers.AcceptLanguage), ct);
        return TypedResults.Ok(urls.Describe(saved));
    }

    public static async Task<Ok<ProjectModel>> Stop(string team, string project, StopRequest? request, HttpContext http, ProjectService projects,
        PlatformUrls urls, CancellationToken ct) =>
        TypedResults.Ok(urls.Describe(await projects.StopAsync(http.User.ToActor(), team, project, request?.Reason, ct)));

    public static async Task<Ok<ProjectModel>> Start(string team, string project, StopRequest? request, HttpContext http, ProjectService projects,
        PlatformUrls urls, CancellationToken ct) =>
        TypedResults.Ok(urls.Describe(await projects.StartAsync(http.User.ToActor(), team, project, request?.Reason, ct)));

    public static async Task<Ok<UsageSampleModel[]>> Usage(string team, string project, HttpContext http, ProjectService projects,
        TimeProvider time, CancellationToken ct, int hours = 24)
    {
        var since = time.GetUtcNow() - TimeSpan.FromHours(Math.Clamp(hours, 1, 24 * 7));
        var samples = await projects.UsageAsync(http.User.ToActor(), team, project, since, ct);
        return TypedResults.Ok(samples.Select(s => new UsageSampleModel(s.At, s.CpuPercent, s.MemoryBytes, s.MemoryLimitBytes)).ToArray());
    }

    public static async Task<IResult> UsageSvg(string team, string project, HttpContext http, ProjectService projects,
        TimeProvider time, CancellationToken ct, int hours = 24)
    {
        var samples = (await Usage(team, project, http, projects, time, ct, hours)).Value!;
        return TypedResults.Text(UsageChart.Svg(project, samples), "image/svg+xml; charset=utf-8");
    }

    public static async Task<Ok<DeploymentModel[]>> Deployments(string team, string project, HttpContext http, ProjectService projects, CancellationToken ct) =>
        TypedResults.Ok((await projects.DeploymentsAsync(http.User.ToActor(), team, project, ct)).Select(DeploymentModel.From).ToArray());

    public static async Task<Ok<DeploymentWithLogModel>> Deployment(string team, string project, int id, HttpContext http, ProjectService projects, CancellationToken ct)
    {
        var (deployment, log) = await projects.DeploymentAsync(http.User.ToActor(), team, project, id, ct);
        return TypedResults.Ok(new DeploymentWithLogModel(DeploymentModel.From(deployment), log));
    }

    /// <summary>Checks everything that can be checked before the log starts streaming, so bad input still gets a 4xx problem.</summary>
    public static async Task DeployFromUrl(string team, string project, DeployFromUrlRequest request, HttpContext http,
        ProjectService projects, DeployPipeline pipeline, BuildLogFeed feed, IOptions<BuildOptions> build)
    {
        var actor = http.User.ToActor();
        var target = await projects.GetAsync(actor, team, project, http.RequestAborted);
        actor.EnsureCanWorkOn(target.Team);
        GitUrlRules.Validate(request.GitUrl);
        // The pipeline checks again before it clones; checking here too turns a local address into a 400, not a failed deploy.
        if (!build.Value.AllowPrivateGitHosts) await GitUrlRules.EnsurePublicHostAsync(request.GitUrl, http.RequestAborted);

        var language = LanguageChoice.FromAcceptLanguage(http.Request.Headers.AcceptLanguage);
        await using var live = new LiveLogResponse(http.Response, http.RequestAborted);
        var deploy = new DeployRequest(target.Id, new GitUrl(request.GitUrl, request.Ref), actor, language);
        var outcome = await feed.RunAsync(language, build.Value.MaxLogBytes, live.Write, null,
            log => pipeline.DeployAsync(deploy, log, http.RequestAborted));
        live.Write(outcome.Succeeded
            ? $"=====> Deployment {outcome.DeploymentId}: live {outcome.Url}"
            : $"=====> Deployment {outcome.DeploymentId}: failed");
    }

    public static async Task<NoContent> Delete(string team, string project, string? confirm, HttpContext http, ProjectDeletion deletion, CancellationToken ct)
    {
        await deletion.DeleteAsync(http.User.ToActor(), team, project, confirm, ct);
        return TypedResults.NoContent();
    }

    public static async Task<Accepted<StartedDeploymentModel>> Rollback(string team, string project, int id, HttpContext http,
        KeptVersions versions, CancellationToken ct)
    {
        var started = await versions.GoBackAsync(http.User.ToActor(), team, project, id,
            LanguageChoice.FromAcceptLanguage(http.Request.Headers.AcceptLanguage), ct);
        return TypedResults.Accepted($"/api/teams/{team}/projects/{project}/deployments/{started}", Started(team, project, started));
    }

    /// <summary>Where a deployment started in the background can be read and followed.</summary>
    public static StartedDeploymentModel Started(string team, string project, int id) => new(id,
        $"/api/teams/{team}/projects/{project}/deployments/{id}", $"/api/teams/{team}/projects/{project}/deployments/{id}/log/stream");
}
