using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace MusicSite.Data.Migrations;

/// <summary>
/// The artist names of the listed catalog with their number of listed tracks, read by <c>CatalogCounters</c> for the
/// artist filter (decision 0047): a raw-SQL table outside the EF model, kept by triggers on Tracks and filled here. The
/// filter ("part of the name") matches a pattern against these few rows, then finds the tracks of the matching names
/// by the artist list index, where a pattern with a leading wildcard could only test every track. Listed is
/// <c>DeletedAt IS NULL AND IsPublic AND State = 'Ready'</c>; a name whose last listed track goes is removed.
/// </summary>
[DbContext(typeof(MusicSiteDbContext))]
[Migration("20261205010000_CatalogArtistNames")]
public sealed class CatalogArtistNames : Migration
{
    private static readonly string[] Triggers =
    [
        "CatalogArtistNames_TrackInsert", "CatalogArtistNames_TrackDelete", "CatalogArtistNames_TrackUnlist", "CatalogArtistNames_TrackList",
    ];

    private const string TrackColumns = "\"DeletedAt\", \"IsPublic\", \"State\", \"ArtistName\"";

    private static string Listed(string t) => $"""{t}."DeletedAt" IS NULL AND {t}."IsPublic" = 1 AND {t}."State" = 'Ready'""";

    private static string Add(string t) => $"""
        INSERT INTO "CatalogArtistNames" ("Name", "Count") VALUES ({t}."ArtistName", 1)
        ON CONFLICT ("Name") DO UPDATE SET "Count" = "Count" + 1;
        """;

    private static string Remove(string t) => $"""
        UPDATE "CatalogArtistNames" SET "Count" = "Count" - 1 WHERE "Name" = {t}."ArtistName";
        DELETE FROM "CatalogArtistNames" WHERE "Name" = {t}."ArtistName" AND "Count" <= 0;
        """;

    protected override void Up(MigrationBuilder mb)
    {
        mb.Sql("""
            CREATE TABLE "CatalogArtistNames" (
                "Name" TEXT NOT NULL, "Count" INTEGER NOT NULL,
                CONSTRAINT "PK_CatalogArtistNames" PRIMARY KEY ("Name")) WITHOUT ROWID;
            """);
        mb.Sql($"""
            CREATE TRIGGER "CatalogArtistNames_TrackInsert" AFTER INSERT ON "Tracks" WHEN {Listed("NEW")} BEGIN
            {Add("NEW")}
            END;
            """);
        mb.Sql($"""
            CREATE TRIGGER "CatalogArtistNames_TrackDelete" AFTER DELETE ON "Tracks" WHEN {Listed("OLD")} BEGIN
            {Remove("OLD")}
            END;
            """);
        // An update takes the old row's name out and puts the new row's in (a rename moves the track between names).
        mb.Sql($"""
            CREATE TRIGGER "CatalogArtistNames_TrackUnlist" AFTER UPDATE OF {TrackColumns} ON "Tracks" WHEN {Listed("OLD")} BEGIN
            {Remove("OLD")}
            END;
            """);
        mb.Sql($"""
            CREATE TRIGGER "CatalogArtistNames_TrackList" AFTER UPDATE OF {TrackColumns} ON "Tracks" WHEN {Listed("NEW")} BEGIN
            {Add("NEW")}
            END;
            """);
        mb.Sql($"""
            INSERT INTO "CatalogArtistNames" ("Name", "Count")
            SELECT t."ArtistName", count(*) FROM "Tracks" t WHERE {Listed("t")} GROUP BY t."ArtistName";
            """);
    }

    protected override void Down(MigrationBuilder mb)
    {
        foreach (var trigger in Triggers)
        {
            mb.Sql($"DROP TRIGGER \"{trigger}\";");
        }
        mb.Sql("DROP TABLE \"CatalogArtistNames\";");
    }
}
