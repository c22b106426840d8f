using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace MusicSite.Data.Migrations;

/// <summary>The change log of track edits.</summary>
[DbContext(typeof(MusicSiteDbContext))]
[Migration("20261121050000_TrackChanges")]
public sealed class TrackChanges : Migration
{
    protected override void Up(MigrationBuilder mb)
    {
        mb.CreateTable("TrackChanges", t => new
        {
            Id = t.Column<long>("INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
            TrackId = t.Column<int>("INTEGER", nullable: false),
            UserId = t.Column<int>("INTEGER", nullable: true),
            Field = t.Column<string>("TEXT", maxLength: 40, nullable: false),
            OldValue = t.Column<string>("TEXT", maxLength: 2000, nullable: true),
            NewValue = t.Column<string>("TEXT", maxLength: 2000, nullable: true),
            ChangedAt = t.Column<DateTime>("TEXT", nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_TrackChanges", x => x.Id);
            t.ForeignKey("FK_TrackChanges_Tracks_TrackId", x => x.TrackId, "Tracks", "Id", onDelete: ReferentialAction.Cascade);
        });
        mb.CreateIndex("IX_TrackChanges_TrackId_ChangedAt", "TrackChanges", ["TrackId", "ChangedAt"]);
    }

    protected override void Down(MigrationBuilder mb) => mb.DropTable("TrackChanges");
}
