using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace MusicSite.Data.Migrations;

/// <summary>Listeners' reports of tracks and comments, with how an admin resolved them (decision 0039).</summary>
[DbContext(typeof(MusicSiteDbContext))]
[Migration("20261203020000_ContentReports")]
public sealed class ContentReports : Migration
{
    protected override void Up(MigrationBuilder mb)
    {
        mb.CreateTable("ContentReports", t => new
        {
            Id = t.Column<int>("INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
            ReporterId = t.Column<int>("INTEGER", nullable: false),
            TargetType = t.Column<string>("TEXT", maxLength: 10, nullable: false),
            TargetId = t.Column<int>("INTEGER", nullable: false),
            Reason = t.Column<string>("TEXT", maxLength: 20, nullable: false),
            Details = t.Column<string>("TEXT", maxLength: 1000, nullable: true),
            CreatedAt = t.Column<DateTime>("TEXT", nullable: false),
            ResolvedAt = t.Column<DateTime>("TEXT", nullable: true),
            ResolvedById = t.Column<int>("INTEGER", nullable: true),
            Outcome = t.Column<string>("TEXT", maxLength: 20, nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_ContentReports", x => x.Id);
            t.ForeignKey("FK_ContentReports_AspNetUsers_ReporterId", x => x.ReporterId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_ContentReports_AspNetUsers_ResolvedById", x => x.ResolvedById, "AspNetUsers", "Id", onDelete: ReferentialAction.SetNull);
        });
        mb.CreateIndex("IX_ContentReports_ReporterId_TargetType_TargetId", "ContentReports", ["ReporterId", "TargetType", "TargetId"],
            unique: true, filter: "\"ResolvedAt\" IS NULL");
        mb.CreateIndex("IX_ContentReports_TargetType_TargetId", "ContentReports", ["TargetType", "TargetId"]);
        mb.CreateIndex("IX_ContentReports_ResolvedAt_CreatedAt", "ContentReports", ["ResolvedAt", "CreatedAt"]);
        mb.CreateIndex("IX_ContentReports_ResolvedById", "ContentReports", "ResolvedById");
    }

    protected override void Down(MigrationBuilder mb) => mb.DropTable("ContentReports");
}
