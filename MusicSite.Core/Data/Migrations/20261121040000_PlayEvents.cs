using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace MusicSite.Data.Migrations;

/// <summary>Counted plays, de-duplicated per listener, track and half hour. No foreign keys on purpose:
/// play history outlives deleted tracks and accounts, anonymised.</summary>
[DbContext(typeof(MusicSiteDbContext))]
[Migration("20261121040000_PlayEvents")]
public sealed class PlayEvents : Migration
{
    protected override void Up(MigrationBuilder mb)
    {
        mb.CreateTable("PlayEvents", t => new
        {
            Id = t.Column<long>("INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
            TrackId = t.Column<int>("INTEGER", nullable: false),
            UserId = t.Column<int>("INTEGER", nullable: true),
            ListenerKey = t.Column<string>("TEXT", maxLength: 80, nullable: false),
            HalfHour = t.Column<long>("INTEGER", nullable: false),
            PlayedAt = t.Column<DateTime>("TEXT", nullable: false),
        }, constraints: t => t.PrimaryKey("PK_PlayEvents", x => x.Id));
        mb.CreateIndex("IX_PlayEvents_TrackId_ListenerKey_HalfHour", "PlayEvents", ["TrackId", "ListenerKey", "HalfHour"], unique: true);
        mb.CreateIndex("IX_PlayEvents_TrackId_PlayedAt", "PlayEvents", ["TrackId", "PlayedAt"]);
    }

    protected override void Down(MigrationBuilder mb) => mb.DropTable("PlayEvents");
}
