using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace JugendLab.Orchestrator.State.Migrations
{
    /// <inheritdoc />
    public partial class Remix : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "OriginalProjectId",
                table: "ShowcaseEntries",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OriginalTeam",
                table: "ShowcaseEntries",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OriginalTitle",
                table: "ShowcaseEntries",
                type: "TEXT",
                maxLength: 80,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_ShowcaseEntries_OriginalProjectId",
                table: "ShowcaseEntries",
                column: "OriginalProjectId");

            migrationBuilder.AddForeignKey(
                name: "FK_ShowcaseEntries_Projects_OriginalProjectId",
                table: "ShowcaseEntries",
                column: "OriginalProjectId",
                principalTable: "Projects",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_ShowcaseEntries_Projects_OriginalProjectId",
                table: "ShowcaseEntries");

            migrationBuilder.DropIndex(
                name: "IX_ShowcaseEntries_OriginalProjectId",
                table: "ShowcaseEntries");

            migrationBuilder.DropColumn(
                name: "OriginalProjectId",
                table: "ShowcaseEntries");

            migrationBuilder.DropColumn(
                name: "OriginalTeam",
                table: "ShowcaseEntries");

            migrationBuilder.DropColumn(
                name: "OriginalTitle",
                table: "ShowcaseEntries");
        }
    }
}
