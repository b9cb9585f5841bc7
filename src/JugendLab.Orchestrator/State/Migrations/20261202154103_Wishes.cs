using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace JugendLab.Orchestrator.State.Migrations
{
    /// <inheritdoc />
    public partial class Wishes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "WishId",
                table: "ShowcaseEntries",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Wishes",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Title = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    From = table.Column<string>(type: "TEXT", maxLength: 80, nullable: true),
                    Contact = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    PosterKey = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    PostedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    DecidedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    DecidedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    TeamId = table.Column<int>(type: "INTEGER", nullable: true),
                    AdoptedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Wishes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Wishes_Teams_TeamId",
                        column: x => x.TeamId,
                        principalTable: "Teams",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ShowcaseEntries_WishId",
                table: "ShowcaseEntries",
                column: "WishId");

            migrationBuilder.CreateIndex(
                name: "IX_Wishes_PosterKey",
                table: "Wishes",
                column: "PosterKey");

            migrationBuilder.CreateIndex(
                name: "IX_Wishes_Status",
                table: "Wishes",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_Wishes_TeamId",
                table: "Wishes",
                column: "TeamId");

            migrationBuilder.AddForeignKey(
                name: "FK_ShowcaseEntries_Wishes_WishId",
                table: "ShowcaseEntries",
                column: "WishId",
                principalTable: "Wishes",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_ShowcaseEntries_Wishes_WishId",
                table: "ShowcaseEntries");

            migrationBuilder.DropTable(
                name: "Wishes");

            migrationBuilder.DropIndex(
                name: "IX_ShowcaseEntries_WishId",
                table: "ShowcaseEntries");

            migrationBuilder.DropColumn(
                name: "WishId",
                table: "ShowcaseEntries");
        }
    }
}
