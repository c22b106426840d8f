using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace MusicSite.Data.Migrations;

/// <summary>
/// A fifth kind of CatalogCounters row (kind 4, <c>CounterKind.Tagged</c>): per genre, the listed tracks tagged with
/// that very genre (subgenres not included), read by <c>PopularGenres</c> for its track counts instead of grouping
/// every listed track's links (2.9 s at 1,000,000 tracks, decision 0053). Triggers on Tracks and TrackGenres keep
/// them; a move in the genre tree changes no tag, and a deleted genre's links go before it.
/// </summary>
[DbContext(typeof(MusicSiteDbContext))]
[Migration("20261206030000_CatalogTaggedCounters")]
public sealed class CatalogTaggedCounters : Migration
{
    private static readonly string[] Triggers =
    [
        "CatalogTaggedCounters_TrackInsert", "CatalogTaggedCounters_TrackDelete", "CatalogTaggedCounters_TrackUnlist",
        "CatalogTaggedCounters_TrackList", "CatalogTaggedCounters_LinkInsert", "CatalogTaggedCounters_LinkDelete",
        "CatalogTaggedCounters_GenreDeleted",
    ];

    private const string Upsert = """ON CONFLICT ("Kind", "Key") DO UPDATE SET "Count" = "Count" + excluded."Count";""";

    private static string Listed(string t) => CatalogCounterTriggers.Listed(t);

    /// <summary>Adds <paramref name="sign"/> to each genre track row <paramref name="t"/> is tagged with, when
    /// <paramref name="condition"/> holds.</summary>
    private static string Tags(string t, int sign, string condition = "1") => $"""
        INSERT INTO "CatalogCounters" ("Kind", "Key", "Count")
        SELECT 4, l."GenreId", {sign} FROM "TrackGenres" l WHERE l."TrackId" = {t}."Id" AND {condition} {Upsert}
        """;

    /// <summary>A link of a listed track added or removed.</summary>
    private static string Link(string l, int sign) => $"""
        INSERT INTO "CatalogCounters" ("Kind", "Key", "Count")
        SELECT 4, {l}."GenreId", {sign} FROM "Tracks" t WHERE t."Id" = {l}."TrackId" AND {Listed("t")} {Upsert}
        """;

    private const string TrackColumns = "\"DeletedAt\", \"IsPublic\", \"State\"";

    protected override void Up(MigrationBuilder mb)
    {
        mb.Sql($"""
            CREATE TRIGGER "CatalogTaggedCounters_TrackInsert" AFTER INSERT ON "Tracks" WHEN {Listed("NEW")} BEGIN
            {Tags("NEW", 1)}
            END;
            """);
        // Before the delete, while the track's links are still there (as CatalogCounters_TrackDelete).
        mb.Sql($"""
            CREATE TRIGGER "CatalogTaggedCounters_TrackDelete" BEFORE DELETE ON "Tracks" WHEN {Listed("OLD")} BEGIN
            {Tags("OLD", -1)}
            END;
            """);
        mb.Sql($"""
            CREATE TRIGGER "CatalogTaggedCounters_TrackUnlist" AFTER UPDATE OF {TrackColumns} ON "Tracks"
            WHEN {Listed("OLD")} AND NOT ({Listed("NEW")}) BEGIN
            {Tags("OLD", -1)}
            END;
            """);
        mb.Sql($"""
            CREATE TRIGGER "CatalogTaggedCounters_TrackList" AFTER UPDATE OF {TrackColumns} ON "Tracks"
            WHEN {Listed("NEW")} AND NOT ({Listed("OLD")}) BEGIN
            {Tags("NEW", 1)}
            END;
            """);
        mb.Sql($"""
            CREATE TRIGGER "CatalogTaggedCounters_LinkInsert" AFTER INSERT ON "TrackGenres" BEGIN
            {Link("NEW", 1)}
            END;
            """);
        mb.Sql($"""
            CREATE TRIGGER "CatalogTaggedCounters_LinkDelete" AFTER DELETE ON "TrackGenres" BEGIN
            {Link("OLD", -1)}
            END;
            """);
        mb.Sql("""
            CREATE TRIGGER "CatalogTaggedCounters_GenreDeleted" AFTER DELETE ON "Genres" BEGIN
                DELETE FROM "CatalogCounters" WHERE "Kind" = 4 AND "Key" = OLD."Id";
            END;
            """);
        mb.Sql($"""
            INSERT INTO "CatalogCounters" ("Kind", "Key", "Count")
            SELECT 4, l."GenreId", count(*) FROM "TrackGenres" l JOIN "Tracks" t ON t."Id" = l."TrackId"
            WHERE {Listed("t")} GROUP BY l."GenreId";
            """);
    }

    protected override void Down(MigrationBuilder mb)
    {
        foreach (var trigger in Triggers)
        {
            mb.Sql($"DROP TRIGGER \"{trigger}\";");
        }
        mb.Sql("""DELETE FROM "CatalogCounters" WHERE "Kind" = 4;""");
    }
}
