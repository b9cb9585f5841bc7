using JugendLab.Orchestrator.Deployments;
using JugendLab.Orchestrator.Projects;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace JugendLab.Orchestrator.State.Configurations;

internal sealed class DeploymentConfiguration : IEntityTypeConfiguration<Deployment>
{
    public void Configure(EntityTypeBuilder<Deployment> deployment)
    {
        deployment.HasOne<Project>().WithMany().HasForeignKey(d => d.ProjectId).OnDelete(DeleteBehavior.Cascade);
        deployment.HasIndex(d => new { d.ProjectId, d.Status });
        deployment.Ignore(d => d.IsFinished);
        deployment.Ignore(d => d.ImageOwner);
        deployment.Ignore(d => d.CanGoBackTo);
        deployment.Ignore(d => d.ServesFiles);
        deployment.Property(d => d.Site).HasMaxLength(32);
    }
}
