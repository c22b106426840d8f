using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace MusicSite.Data.Migrations;

/// <summary>Artist pages: each account's slug (made when first needed, so existing rows stay null) and the slugs
/// retired by renames, which redirect to the current one.</summary>
[DbContext(typeof(MusicSiteDbContext))]
[Migration("20261130100000_ArtistSlugs")]
public sealed class ArtistSlugs : Migration
{
    protected override void Up(MigrationBuilder mb)
    {
        mb.AddColumn<string>("ArtistSlug", "AspNetUsers", "TEXT", maxLength: 80, nullable: true);
        mb.CreateIndex("IX_AspNetUsers_ArtistSlug", "AspNetUsers", "ArtistSlug", unique: true);
        mb.CreateTable("RetiredArtistSlugs", t => new
        {
            Slug = t.Column<string>("TEXT", maxLength: 80, nullable: false),
            UserId = t.Column<int>("INTEGER", nullable: false),
            RetiredAt = t.Column<DateTime>("TEXT", nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_RetiredArtistSlugs", x => x.Slug);
            t.ForeignKey("FK_RetiredArtistSlugs_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
        });
        mb.CreateIndex("IX_RetiredArtistSlugs_UserId", "RetiredArtistSlugs", "UserId");
    }

    protected override void Down(MigrationBuilder mb)
    {
        mb.DropTable("RetiredArtistSlugs");
        mb.DropIndex("IX_AspNetUsers_ArtistSlug", "AspNetUsers");
        // SQLite 3.35+ drops a column natively; EF would need a model snapshot to rebuild the table.
        mb.Sql("ALTER TABLE \"AspNetUsers\" DROP COLUMN \"ArtistSlug\";");
    }
}
