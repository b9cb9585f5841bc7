using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace JugendLab.Orchestrator.State.Migrations
{
    /// <inheritdoc />
    public partial class QuotaRequests : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "QuotaRequests",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TeamId = table.Column<int>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    AskedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    AskedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", nullable: false),
                    DecidedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    DecidedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Asked_Cpus = table.Column<double>(type: "REAL", nullable: false),
                    Asked_DiskMb = table.Column<int>(type: "INTEGER", nullable: false),
                    Asked_MaxProjects = table.Column<int>(type: "INTEGER", nullable: false),
                    Asked_MemoryMb = table.Column<int>(type: "INTEGER", nullable: false),
                    Before_Cpus = table.Column<double>(type: "REAL", nullable: false),
                    Before_DiskMb = table.Column<int>(type: "INTEGER", nullable: false),
                    Before_MaxProjects = table.Column<int>(type: "INTEGER", nullable: false),
                    Before_MemoryMb = table.Column<int>(type: "INTEGER", nullable: false),
                    Granted_Cpus = table.Column<double>(type: "REAL", nullable: true),
                    Granted_DiskMb = table.Column<int>(type: "INTEGER", nullable: true),
                    Granted_MaxProjects = table.Column<int>(type: "INTEGER", nullable: true),
                    Granted_MemoryMb = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QuotaRequests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_QuotaRequests_Teams_TeamId",
                        column: x => x.TeamId,
                        principalTable: "Teams",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_QuotaRequests_Status",
                table: "QuotaRequests",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_QuotaRequests_TeamId",
                table: "QuotaRequests",
                column: "TeamId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "QuotaRequests");
        }
    }
}
