using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace MusicSite.Data.Migrations;

/// <summary>Deleting a user: the account row stays, anonymised, with the moment it was deleted
/// (docs/decisions/0038-deleting-users-and-auth-events.md).</summary>
[DbContext(typeof(MusicSiteDbContext))]
[Migration("20261203010000_UserDeletion")]
public sealed class UserDeletion : Migration
{
    protected override void Up(MigrationBuilder mb) =>
        mb.AddColumn<DateTime>("DeletedAt", "AspNetUsers", "TEXT", nullable: true);

    // SQLite 3.35+ drops a column natively; EF would need a model snapshot to rebuild the table.
    protected override void Down(MigrationBuilder mb) => mb.Sql("ALTER TABLE \"AspNetUsers\" DROP COLUMN \"DeletedAt\";");
}
