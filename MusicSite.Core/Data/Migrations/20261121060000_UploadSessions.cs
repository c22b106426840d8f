using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace MusicSite.Data.Migrations;

/// <summary>Resumable (tus) uploads in progress.</summary>
[DbContext(typeof(MusicSiteDbContext))]
[Migration("20261121060000_UploadSessions")]
public sealed class UploadSessions : Migration
{
    protected override void Up(MigrationBuilder mb)
    {
        mb.CreateTable("UploadSessions", t => new
        {
            Id = t.Column<string>("TEXT", maxLength: 40, nullable: false),
            OwnerId = t.Column<int>("INTEGER", nullable: false),
            Length = t.Column<long>("INTEGER", nullable: false),
            Offset = t.Column<long>("INTEGER", nullable: false),
            FileName = t.Column<string>("TEXT", maxLength: 255, nullable: true),
            CreatedAt = t.Column<DateTime>("TEXT", nullable: false),
            UpdatedAt = t.Column<DateTime>("TEXT", nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_UploadSessions", x => x.Id);
            t.ForeignKey("FK_UploadSessions_AspNetUsers_OwnerId", x => x.OwnerId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
        });
        mb.CreateIndex("IX_UploadSessions_OwnerId", "UploadSessions", "OwnerId");
        mb.CreateIndex("IX_UploadSessions_UpdatedAt", "UploadSessions", "UpdatedAt");
    }

    protected override void Down(MigrationBuilder mb) => mb.DropTable("UploadSessions");
}
