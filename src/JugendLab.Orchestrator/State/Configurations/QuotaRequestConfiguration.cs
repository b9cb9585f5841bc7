using JugendLab.Orchestrator.Teams;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace JugendLab.Orchestrator.State.Configurations;

internal sealed class QuotaRequestConfiguration : IEntityTypeConfiguration<QuotaRequest>
{
    public void Configure(EntityTypeBuilder<QuotaRequest> request)
    {
        request.ComplexProperty(r => r.Before);
        request.ComplexProperty(r => r.Asked);
        request.ComplexProperty(r => r.Granted);
        request.Property(r => r.Reason).HasMaxLength(QuotaRequest.MaxReasonLength);
        request.Property(r => r.Note).HasMaxLength(QuotaRequest.MaxNoteLength);
        request.Property(r => r.AskedBy).HasMaxLength(64);
        request.Property(r => r.DecidedBy).HasMaxLength(64);
        request.HasOne(r => r.Team).WithMany().HasForeignKey(r => r.TeamId).OnDelete(DeleteBehavior.Cascade);
        request.HasIndex(r => r.Status);
    }
}
