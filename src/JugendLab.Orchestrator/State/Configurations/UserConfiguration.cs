using JugendLab.Orchestrator.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace JugendLab.Orchestrator.State.Configurations;

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> user)
    {
        user.HasIndex(u => u.Name).IsUnique();
        user.Property(u => u.Name).HasMaxLength(32);
        user.Property(u => u.Role).HasMaxLength(16);
        user.Ignore(u => u.IsStaff);
        user.Ignore(u => u.IsSuspended);
        user.Property(u => u.SuspendedBy).HasMaxLength(64);
        user.Property(u => u.SuspendReason).HasMaxLength(500);
        user.Property(u => u.MatrixUserId).HasMaxLength(MatrixUserIds.MaxLength);
        user.HasIndex(u => u.MatrixUserId).IsUnique();
    }
}
