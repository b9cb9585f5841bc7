using JugendLab.Orchestrator.Showcase;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace JugendLab.Orchestrator.State.Configurations;

internal sealed class ShowcaseEntryConfiguration : IEntityTypeConfiguration<ShowcaseEntry>
{
    public void Configure(EntityTypeBuilder<ShowcaseEntry> entry)
    {
        entry.Property(e => e.Title).HasMaxLength(ShowcaseEntry.MaxTitleLength);
        entry.Property(e => e.Description).HasMaxLength(ShowcaseEntry.MaxDescriptionLength);
        entry.Property(e => e.UpdatedBy).HasMaxLength(64);
        entry.HasIndex(e => e.ProjectId).IsUnique();
        entry.HasOne(e => e.Project).WithMany().HasForeignKey(e => e.ProjectId).OnDelete(DeleteBehavior.Cascade);
        entry.HasOne(e => e.Wish).WithMany().HasForeignKey(e => e.WishId).OnDelete(DeleteBehavior.SetNull);
        // A remix's credit: the link to the original goes when the original is deleted; its title and team stay as text.
        entry.Property(e => e.OriginalTitle).HasMaxLength(ShowcaseEntry.MaxTitleLength);
        entry.Property(e => e.OriginalTeam).HasMaxLength(32);
        entry.HasOne(e => e.OriginalProject).WithMany().HasForeignKey(e => e.OriginalProjectId).OnDelete(DeleteBehavior.SetNull);
    }
}
