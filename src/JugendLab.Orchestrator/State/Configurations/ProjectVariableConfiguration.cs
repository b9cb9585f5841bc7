using JugendLab.Orchestrator.Projects;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace JugendLab.Orchestrator.State.Configurations;

internal sealed class ProjectVariableConfiguration : IEntityTypeConfiguration<ProjectVariable>
{
    public void Configure(EntityTypeBuilder<ProjectVariable> variable)
    {
        variable.HasOne<Project>().WithMany().HasForeignKey(v => v.ProjectId).OnDelete(DeleteBehavior.Cascade);
        variable.HasIndex(v => new { v.ProjectId, v.Name }).IsUnique();
        variable.Property(v => v.Name).HasMaxLength(ProjectVariables.MaxNameLength);
    }
}
