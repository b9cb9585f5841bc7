using JugendLab.Orchestrator.Invites;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace JugendLab.Orchestrator.State.Configurations;

internal sealed class InviteCodeConfiguration : IEntityTypeConfiguration<InviteCode>
{
    public void Configure(EntityTypeBuilder<InviteCode> invite)
    {
        invite.Property(i => i.Code).HasMaxLength(InviteCode.Length);
        invite.HasIndex(i => i.Code).IsUnique();
        invite.Property(i => i.CreatedBy).HasMaxLength(64);
        invite.Property(i => i.UsedBy).HasMaxLength(64);
        invite.HasOne(i => i.Team).WithMany().HasForeignKey(i => i.TeamId).OnDelete(DeleteBehavior.Cascade);
        invite.Ignore(i => i.Display);
    }
}
