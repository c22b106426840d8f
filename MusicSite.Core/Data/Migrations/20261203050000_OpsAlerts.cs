using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace MusicSite.Data.Migrations;

/// <summary>The state of each operations warning (raised, mailed, cleared), so that each crossing mails the admins
/// once; and an index on the time of plays, for the dashboard's counts over a window of the whole site.</summary>
[DbContext(typeof(MusicSiteDbContext))]
[Migration("20261203050000_OpsAlerts")]
public sealed class OpsAlerts : Migration
{
    protected override void Up(MigrationBuilder mb)
    {
        mb.CreateTable("OpsAlerts", t => new
        {
            Key = t.Column<string>("TEXT", maxLength: 40, nullable: false),
            Value = t.Column<double>("REAL", nullable: false),
            Threshold = t.Column<double>("REAL", nullable: false),
            RaisedAt = t.Column<DateTime>("TEXT", nullable: false),
            MailedAt = t.Column<DateTime>("TEXT", nullable: true),
            ClearedAt = t.Column<DateTime>("TEXT", nullable: true),
        }, constraints: t => t.PrimaryKey("PK_OpsAlerts", x => x.Key));
        mb.CreateIndex("IX_PlayEvents_PlayedAt", "PlayEvents", "PlayedAt");
    }

    protected override void Down(MigrationBuilder mb)
    {
        mb.DropIndex("IX_PlayEvents_PlayedAt", "PlayEvents");
        mb.DropTable("OpsAlerts");
    }
}
