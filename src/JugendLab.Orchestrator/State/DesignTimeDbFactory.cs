using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace JugendLab.Orchestrator.State;

/// <summary>Lets `dotnet ef migrations add` create the context without starting the platform.</summary>
internal sealed class DesignTimeDbFactory : IDesignTimeDbContextFactory<JugendLabDb>
{
    public JugendLabDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<JugendLabDb>().UseSqlite("Data Source=design-time.db").Options);
}
