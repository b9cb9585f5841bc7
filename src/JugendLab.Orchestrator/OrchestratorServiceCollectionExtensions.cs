using JugendLab.Orchestrator.Accounts;
using JugendLab.Orchestrator.Configuration;
using JugendLab.Orchestrator.Projects;
using JugendLab.Orchestrator.Teams;
using JugendLab.Orchestrator.Deployments;
using JugendLab.Orchestrator.Jobs;
using JugendLab.Orchestrator.Reconciliation;
using JugendLab.Orchestrator.Routing;
using JugendLab.Orchestrator.Runtime;
using JugendLab.Orchestrator.State;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace JugendLab.Orchestrator;

/// <summary>Registers the orchestrator: state, container runtime, deploy pipeline, reconciler and scheduled jobs.</summary>
public static class OrchestratorServiceCollectionExtensions
{
    public static IServiceCollection AddOrchestrator(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<OrchestratorOptions>().BindConfiguration(OrchestratorOptions.Section)
            .Validate(o => System.Text.RegularExpressions.Regex.IsMatch(o.Instance, "^[a-z0-9]{1,6}$"),
                "JugendLab:Orchestrator:Instance must be 1-6 lower-case letters or digits.").ValidateOnStart();
        services.AddOptions<BuildOptions>().BindConfiguration(BuildOptions.Section)
            .Validate(o => o.MemoryMb >= 64 && o.Cpus > 0 && o.Timeout > TimeSpan.Zero, "Build limits must be positive.")
            .Validate(o => o.MaxRepositoryMb > 0 && o.MaxImageMb > 0 && o.MaxLogMb > 0,
                "JugendLab:Build:MaxRepositoryMb, MaxImageMb and MaxLogMb must be positive.").ValidateOnStart();
        services.AddOptions<RuntimeOptions>().BindConfiguration(RuntimeOptions.Section).ValidateOnStart();
        services.AddOptions<DomainOptions>().BindConfiguration(DomainOptions.Section)
            .Validate(o => !string.IsNullOrWhiteSpace(o.Base) && Uri.IsWellFormedUriString(o.PublicUrl, UriKind.Absolute),
                "JugendLab:Domain needs a Base host name and an absolute PublicUrl.").ValidateOnStart();
        services.AddOptions<NetworkOptions>().BindConfiguration(NetworkOptions.Section).ValidateOnStart();
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<NetworkOptions>, NetworkOptionsValidator>();
        services.AddSingleton(TimeProvider.System);
        services.AddOptions<SignInOptions>().BindConfiguration(SignInOptions.Section)
            .Validate(o => o.IsValid(), "JugendLab:SignIn: counts and times must be positive, MaxDelay >= FirstDelay, ForgetAfter > MaxDelay, TrustedProxies IP addresses.")
            .ValidateOnStart();
        services.AddSingleton<PasswordHasher>();
        services.AddOptions<MatrixOptions>().BindConfiguration(MatrixOptions.Section)
            .Validate(o => o.IsValid(), "JugendLab:Matrix: memory at least 128/64 MB, MediaRetention and UnhealthyRestartAfter positive, " +
                "ExistingHomeserverUrl an absolute address, FederationAllowList server names.").ValidateOnStart();
        services.AddOptions<ReportOptions>().BindConfiguration(ReportOptions.Section)
            .Validate(o => o.IsValid(), "JugendLab:Reports: PauseAfter and PerAddressPerHour at least 1, PauseWindow positive.")
            .ValidateOnStart();

        var network = configuration.GetSection(NetworkOptions.Section).Get<NetworkOptions>() ?? new NetworkOptions();
        var orchestrator = configuration.GetSection(OrchestratorOptions.Section).Get<OrchestratorOptions>() ?? new OrchestratorOptions();
        services.AddSingleton<Notices.ChatSignals>();
        services.AddDbContextFactory<JugendLabDb>((sp, db) => db.UseSqlite($"Data Source={orchestrator.DatabasePath}")
            .AddInterceptors(sp.GetRequiredService<Notices.ChatSignals>()));

        services.AddSingleton<RoutePublisher>();
        services.AddSingleton<IRouteTableSource>(sp => sp.GetRequiredService<RoutePublisher>());
        services.AddSingleton<IContainerRuntime, DockerContainerRuntime>();
        services.AddSingleton<Sandbox>();
        // Secrets and the web app's cookies are encrypted with keys kept beside the database, so they survive a restart.
        services.AddDataProtection().SetApplicationName("JugendLab")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(Path.GetFullPath(orchestrator.DataDirectory), "keys")));
        services.AddSingleton<SecretBox>();
        services.AddSingleton<ResourceNames>();
        services.AddSingleton<HostFirewall>();
        services.AddSingleton<LoopDevices>();
        services.AddSingleton<DataVolumes>();
        services.AddSingleton<EgressFirewall>();

        services.AddSingleton<ProjectLocks>();
        services.AddSingleton<AppLogs.AppLogFollowers>();
        services.AddSingleton<SourceReceiver>();
        services.AddSingleton<ImageBuilder>();
        services.AddSingleton<SiteFiles>();
        services.AddSingleton<BuildCgroups>();
        services.AddSingleton<ContainerLauncher>();
        services.AddSingleton<ReadinessProbe>();
        services.AddSingleton<ContainerRetirer>();
        services.AddHostedService(sp => sp.GetRequiredService<ContainerRetirer>());
        services.AddSingleton<DeployPipeline>();
        services.AddSingleton<BuildLogFeed>();
        services.AddSingleton<BackgroundDeploys>();

        services.AddSingleton<Reconciler>();
        services.AddSingleton<ServiceContainers>();
        services.AddSingleton<Matrix.HomeserverEndpoint>();
        services.AddSingleton<Matrix.HomeserverAdmin>();
        services.AddSingleton<Matrix.Homeserver>();
        services.AddSingleton<Notices.ChatNotifier>();
        services.AddSingleton<Notices.RoomKeeper>();
        services.AddScoped<Notices.BotCommands>();
        services.AddHostedService<Notices.ChatOutbox>();
        services.AddHostedService<Notices.ChatBot>();
        services.AddSingleton<ProjectRepositories>();
        services.AddSingleton<RepositorySizeLimit>();
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<JugendLabDb>>().CreateDbContext());
        services.AddScoped<AccountService>();
        services.AddScoped<TeamService>();
        services.AddScoped<Invites.InviteService>();
        services.AddScoped<QuotaRequestService>();
        services.AddScoped<TeamRequestService>();
        services.AddScoped<Reports.ReportService>();
        services.AddScoped<Showcase.ShowcaseService>();
        services.AddScoped<Showcase.RemixService>();
        services.AddScoped<Wishes.WishService>();
        services.AddScoped<Suspensions>();
        services.AddScoped<Health.BoxHealth>();
        services.AddScoped<Matrix.HomeserverOverview>();
        services.AddScoped<Matrix.NeighbourInvites>();
        services.AddScoped<Matrix.ChatModeration>();
        services.AddScoped<ProjectService>();
        services.AddScoped<ProjectOverview>();
        services.AddScoped<ProjectVariables>();
        services.AddScoped<ProjectDeletion>();
        services.AddScoped<KeptVersions>();
        services.AddScoped<AppLogs.AppLogService>();
        services.AddScoped<TeamUsageService>();
        services.AddScoped<Audit.AuditLog>();
        services.AddSingleton<StarterSeeder>();
        services.AddScoped<NewProjectService>();
        services.AddHostedService<OrchestratorStartup>();
        services.AddQuartz(quartz =>
        {
            Every<ReconcileJob>(quartz, orchestrator.ReconcileInterval);
            Every<Matrix.HomeserverJob>(quartz, orchestrator.ReconcileInterval);
            Every<ImagePruneJob>(quartz, orchestrator.PruneInterval);
            Every<BuildLogPruneJob>(quartz, orchestrator.PruneInterval);
            Every<RepositoryCleanupJob>(quartz, orchestrator.PruneInterval);
            Every<ResourceSampleJob>(quartz, orchestrator.SampleInterval);
            Every<NetworkCleanupJob>(quartz, network.CleanupInterval);
        });
        services.AddQuartzHostedService(q => q.WaitForJobsToComplete = false);
        return services;
    }

    private static void Every<TJob>(IQuartzBuilder quartz, TimeSpan interval) where TJob : IJob
    {
        var key = new JobKey(typeof(TJob).Name);
        quartz.AddJob<TJob>(j => j.WithIdentity(key));
        quartz.AddTrigger(t => t.ForJob(key).StartAt(DateTimeOffset.UtcNow + interval)
            .WithSimpleSchedule(s => s.WithInterval(interval).RepeatForever()));
    }
}
