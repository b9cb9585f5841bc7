using JugendLab.Orchestrator.Projects;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace JugendLab.Orchestrator.State.Configurations;

internal sealed class ProjectConfiguration : IEntityTypeConfiguration<Project>
{
    public void Configure(EntityTypeBuilder<Project> project)
    {
        project.HasIndex(p => p.Slug).IsUnique();
        project.Property(p => p.Slug).HasMaxLength(32);
        project.Property(p => p.DeployBranch).HasMaxLength(100);
        project.HasOne(p => p.Team).WithMany().HasForeignKey(p => p.TeamId).OnDelete(DeleteBehavior.Restrict);
    }
}
