using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using MusicSite.Catalog;

namespace MusicSite.Data.Migrations;

/// <summary>
/// The catalog's list indexes (decision 0042): one partial index per sort on the listed state, ending with the id,
/// so that a page of the public catalog is read in order from one index instead of sorting every track. The title
/// and artist sorts (NOCASE) and popularity (an expression) are raw SQL; the rest are in the model.
/// </summary>
[DbContext(typeof(MusicSiteDbContext))]
[Migration("20261204010000_ListedCatalogIndexes")]
public sealed class ListedCatalogIndexes : Migration
{
    protected override void Up(MigrationBuilder mb)
    {
        foreach (var (name, column) in Catalog.ListedTrackIndexes.Modelled)
        {
            mb.CreateIndex(name, "Tracks", [column, "Id"], filter: Catalog.ListedTrackIndexes.Filter);
        }
        foreach (var (name, columns) in Catalog.ListedTrackIndexes.Raw)
        {
            mb.Sql($"CREATE INDEX \"{name}\" ON \"Tracks\" ({columns}) WHERE {Catalog.ListedTrackIndexes.Filter};");
        }
    }

    protected override void Down(MigrationBuilder mb)
    {
        foreach (var (name, _) in Catalog.ListedTrackIndexes.Raw)
        {
            mb.Sql($"DROP INDEX \"{name}\";");
        }
        foreach (var (name, _) in Catalog.ListedTrackIndexes.Modelled)
        {
            mb.DropIndex(name, "Tracks");
        }
    }
}
