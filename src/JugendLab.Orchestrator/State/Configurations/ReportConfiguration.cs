using JugendLab.Orchestrator.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace JugendLab.Orchestrator.State.Configurations;

internal sealed class ReportConfiguration : IEntityTypeConfiguration<Report>
{
    public void Configure(EntityTypeBuilder<Report> report)
    {
        report.Property(r => r.Text).HasMaxLength(Report.MaxTextLength);
        report.Property(r => r.Contact).HasMaxLength(Report.MaxContactLength);
        report.Property(r => r.Note).HasMaxLength(Report.MaxNoteLength);
        report.Property(r => r.ReporterKey).HasMaxLength(64);
        report.Property(r => r.HandledBy).HasMaxLength(64);
        report.HasOne(r => r.Project).WithMany().HasForeignKey(r => r.ProjectId).OnDelete(DeleteBehavior.Cascade);
        report.HasIndex(r => r.ReporterKey);
        report.HasIndex(r => new { r.ProjectId, r.Outcome });
        report.Ignore(r => r.IsOpen);
    }
}
