using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace MusicSite.Data.Migrations;

/// <summary>/albums reads newest release first: an index in that order (ties by id), so a page is a range of it.</summary>
[DbContext(typeof(MusicSiteDbContext))]
[Migration("20261206010000_AlbumReleaseOrder")]
public sealed class AlbumReleaseOrder : Migration
{
    protected override void Up(MigrationBuilder mb) =>
        mb.CreateIndex("IX_Albums_ReleaseDate_Id", "Albums", ["ReleaseDate", "Id"]);

    protected override void Down(MigrationBuilder mb) =>
        mb.DropIndex("IX_Albums_ReleaseDate_Id", "Albums");
}
