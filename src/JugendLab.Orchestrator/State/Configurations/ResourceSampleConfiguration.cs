using JugendLab.Orchestrator.Jobs;
using JugendLab.Orchestrator.Projects;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace JugendLab.Orchestrator.State.Configurations;

internal sealed class ResourceSampleConfiguration : IEntityTypeConfiguration<ResourceSample>
{
    public void Configure(EntityTypeBuilder<ResourceSample> sample)
    {
        sample.HasOne<Project>().WithMany().HasForeignKey(s => s.ProjectId).OnDelete(DeleteBehavior.Cascade);
        sample.HasIndex(s => new { s.ProjectId, s.At });
    }
}
