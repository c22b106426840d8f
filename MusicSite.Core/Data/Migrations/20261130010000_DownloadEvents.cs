using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace MusicSite.Data.Migrations;

/// <summary>Counted downloads, de-duplicated per listener, track and half hour as plays are. No foreign keys,
/// for the same reason as PlayEvents: the history outlives deleted tracks and accounts.</summary>
[DbContext(typeof(MusicSiteDbContext))]
[Migration("20261130010000_DownloadEvents")]
public sealed class DownloadEvents : Migration
{
    protected override void Up(MigrationBuilder mb)
    {
        mb.CreateTable("DownloadEvents", t => new
        {
            Id = t.Column<long>("INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
            TrackId = t.Column<int>("INTEGER", nullable: false),
            UserId = t.Column<int>("INTEGER", nullable: true),
            ListenerKey = t.Column<string>("TEXT", maxLength: 80, nullable: false),
            HalfHour = t.Column<long>("INTEGER", nullable: false),
            DownloadedAt = t.Column<DateTime>("TEXT", nullable: false),
        }, constraints: t => t.PrimaryKey("PK_DownloadEvents", x => x.Id));
        mb.CreateIndex("IX_DownloadEvents_TrackId_ListenerKey_HalfHour", "DownloadEvents", ["TrackId", "ListenerKey", "HalfHour"], unique: true);
    }

    protected override void Down(MigrationBuilder mb) => mb.DropTable("DownloadEvents");
}
