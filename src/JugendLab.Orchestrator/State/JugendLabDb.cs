using JugendLab.Orchestrator.Accounts;
using JugendLab.Orchestrator.Audit;
using JugendLab.Orchestrator.Deployments;
using JugendLab.Orchestrator.Jobs;
using JugendLab.Orchestrator.Projects;
using JugendLab.Orchestrator.Teams;
using Microsoft.EntityFrameworkCore;

namespace JugendLab.Orchestrator.State;

/// <summary>The desired state: who exists, what should run. One SQLite file under the data directory.</summary>
public sealed class JugendLabDb(DbContextOptions<JugendLabDb> options) : DbContext(options)
{
    public DbSet<User> Users => Set<User>();
    public DbSet<AccessToken> Tokens => Set<AccessToken>();
    public DbSet<Team> Teams => Set<Team>();
    public DbSet<Project> Projects => Set<Project>();
    public DbSet<Deployment> Deployments => Set<Deployment>();
    public DbSet<ResourceSample> ResourceSamples => Set<ResourceSample>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<ProjectVariable> ProjectVariables => Set<ProjectVariable>();
    public DbSet<Invites.InviteCode> InviteCodes => Set<Invites.InviteCode>();
    public DbSet<QuotaRequest> QuotaRequests => Set<QuotaRequest>();
    public DbSet<TeamRequest> TeamRequests => Set<TeamRequest>();
    public DbSet<Reports.Report> Reports => Set<Reports.Report>();
    public DbSet<Showcase.ShowcaseEntry> ShowcaseEntries => Set<Showcase.ShowcaseEntry>();
    public DbSet<Wishes.Wish> Wishes => Set<Wishes.Wish>();
    public DbSet<Notices.ChatNotice> ChatNotices => Set<Notices.ChatNotice>();
    public DbSet<Notices.ChatRoom> ChatRooms => Set<Notices.ChatRoom>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(JugendLabDb).Assembly);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot order by DateTimeOffset; store ticks-based strings via the built-in converter.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter>();
        configurationBuilder.Properties<Enum>().HaveConversion<string>();
    }
}
