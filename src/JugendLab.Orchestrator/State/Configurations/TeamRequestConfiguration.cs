using JugendLab.Orchestrator.Accounts;
using JugendLab.Orchestrator.Teams;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace JugendLab.Orchestrator.State.Configurations;

internal sealed class TeamRequestConfiguration : IEntityTypeConfiguration<TeamRequest>
{
    public void Configure(EntityTypeBuilder<TeamRequest> request)
    {
        request.Property(r => r.Name).HasMaxLength(32);
        request.Property(r => r.Purpose).HasMaxLength(TeamRequest.MaxPurposeLength);
        request.Property(r => r.Note).HasMaxLength(TeamRequest.MaxNoteLength);
        request.Property(r => r.RequestedBy).HasMaxLength(64);
        request.Property(r => r.DecidedBy).HasMaxLength(64);
        request.Property(r => r.Status).HasMaxLength(16);
        request.HasOne<User>().WithMany().HasForeignKey(r => r.RequestedById).OnDelete(DeleteBehavior.Cascade);
        request.HasIndex(r => r.Status);
        // The service checks both rules first; these indexes decide a race between two open requests saved at once.
        request.HasIndex(r => r.RequestedById).IsUnique().HasFilter("\"Status\" = 'Pending'").HasDatabaseName("IX_TeamRequests_OneOpenPerPerson");
        request.HasIndex(r => r.Name).IsUnique().HasFilter("\"Status\" = 'Pending'").HasDatabaseName("IX_TeamRequests_OneOpenPerName");
    }
}
