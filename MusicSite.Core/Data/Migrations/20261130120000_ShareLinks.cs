using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace MusicSite.Data.Migrations;

/// <summary>Share links as rows, so that an owner can list and revoke them. The signed tokens made before this
/// (never stored) stop working: they were short-lived, and a link that cannot be revoked is what this replaces.</summary>
[DbContext(typeof(MusicSiteDbContext))]
[Migration("20261130120000_ShareLinks")]
public sealed class ShareLinkTable : Migration
{
    protected override void Up(MigrationBuilder mb)
    {
        mb.CreateTable("ShareLinks", t => new
        {
            Id = t.Column<int>("INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
            TrackId = t.Column<int>("INTEGER", nullable: false),
            CreatedById = t.Column<int>("INTEGER", nullable: true),
            TokenHash = t.Column<string>("TEXT", maxLength: 64, nullable: false),
            Hint = t.Column<string>("TEXT", maxLength: 8, nullable: false),
            CreatedAt = t.Column<DateTime>("TEXT", nullable: false),
            ExpiresAt = t.Column<DateTime>("TEXT", nullable: false),
            RevokedAt = t.Column<DateTime>("TEXT", nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_ShareLinks", x => x.Id);
            t.ForeignKey("FK_ShareLinks_Tracks_TrackId", x => x.TrackId, "Tracks", "Id", onDelete: ReferentialAction.Cascade);
        });
        mb.CreateIndex("IX_ShareLinks_TokenHash", "ShareLinks", "TokenHash", unique: true);
        mb.CreateIndex("IX_ShareLinks_TrackId", "ShareLinks", "TrackId");
    }

    protected override void Down(MigrationBuilder mb) => mb.DropTable("ShareLinks");
}
