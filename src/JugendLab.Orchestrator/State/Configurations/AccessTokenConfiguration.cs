using JugendLab.Orchestrator.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace JugendLab.Orchestrator.State.Configurations;

internal sealed class AccessTokenConfiguration : IEntityTypeConfiguration<AccessToken>
{
    public void Configure(EntityTypeBuilder<AccessToken> token)
    {
        token.HasIndex(t => t.Hash).IsUnique();
        token.HasOne(t => t.User).WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        token.Property(t => t.Name).HasMaxLength(64);
        token.Ignore(t => t.IsActive);
    }
}
