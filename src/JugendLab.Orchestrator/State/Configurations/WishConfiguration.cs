using JugendLab.Orchestrator.Wishes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace JugendLab.Orchestrator.State.Configurations;

internal sealed class WishConfiguration : IEntityTypeConfiguration<Wish>
{
    public void Configure(EntityTypeBuilder<Wish> wish)
    {
        wish.Property(w => w.Title).HasMaxLength(Wish.MaxTitleLength);
        wish.Property(w => w.Text).HasMaxLength(Wish.MaxTextLength);
        wish.Property(w => w.From).HasMaxLength(Wish.MaxFromLength);
        wish.Property(w => w.Contact).HasMaxLength(Wish.MaxContactLength);
        wish.Property(w => w.PosterKey).HasMaxLength(64);
        wish.Property(w => w.DecidedBy).HasMaxLength(64);
        wish.Property(w => w.Note).HasMaxLength(Wish.MaxNoteLength);
        wish.Property(w => w.Status).HasMaxLength(16);
        wish.HasIndex(w => w.Status);
        wish.HasIndex(w => w.PosterKey);
        wish.HasOne(w => w.Team).WithMany().HasForeignKey(w => w.TeamId).OnDelete(DeleteBehavior.SetNull);
    }
}
