using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace MusicSite.Data.Migrations;

/// <summary>The showcase pages' partial indexes on the listed state (decision 0048, <see cref="Catalog.ShowcaseIndexes"/>).</summary>
[DbContext(typeof(MusicSiteDbContext))]
[Migration("20261205020000_ShowcaseIndexes")]
public sealed class ShowcaseIndexes : Migration
{
    protected override void Up(MigrationBuilder mb)
    {
        foreach (var (name, columns) in Catalog.ShowcaseIndexes.All)
        {
            mb.Sql($"CREATE INDEX \"{name}\" ON \"Tracks\" ({columns}) WHERE {Catalog.ListedTrackIndexes.Filter};");
        }
    }

    protected override void Down(MigrationBuilder mb)
    {
        foreach (var (name, _) in Catalog.ShowcaseIndexes.All)
        {
            mb.Sql($"DROP INDEX \"{name}\";");
        }
    }
}
