using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace MusicSite.Data.Migrations;

/// <summary>
/// The listed catalog's counters, read by <c>CatalogCounters</c> for <c>CatalogTotals</c>: a raw-SQL table outside the EF model, kept by triggers
/// on Tracks, TrackGenres and Genres and filled here from the existing rows. Kind 0 is the whole listed catalog
/// (key 0), 1 a genre with its subgenres (key: the genre; a track tagged twice in one subtree counts once), 2 a
/// license, 3 a BPM bucket (key 0–4: under 90, 90–109, 110–129, 130–149, 150 and over). Listed is
/// <c>DeletedAt IS NULL AND IsPublic AND State = 'Ready'</c>. The genre tree's move trigger is rebuilt so that, after
/// re-hanging the closure, it recounts the genres above the old and the new parent (a rare admin action).
/// </summary>
[DbContext(typeof(MusicSiteDbContext))]
[Migration("20261204020000_CatalogCounterTriggers")]
public sealed class CatalogCounterTriggers : Migration
{
    private static readonly string[] Triggers =
    [
        "CatalogCounters_TrackInsert", "CatalogCounters_TrackDelete", "CatalogCounters_TrackUnlist", "CatalogCounters_TrackList",
        "CatalogCounters_LinkInsert", "CatalogCounters_LinkDelete", "CatalogCounters_GenreDelete", "CatalogCounters_GenreDeleted",
    ];

    private const string Upsert = """ON CONFLICT ("Kind", "Key") DO UPDATE SET "Count" = "Count" + excluded."Count";""";

    internal static string Listed(string t) => $"""{t}."DeletedAt" IS NULL AND {t}."IsPublic" = 1 AND {t}."State" = 'Ready'""";

    internal static string Bucket(string t) =>
        $"""CASE WHEN {t}."Bpm" < 90 THEN 0 WHEN {t}."Bpm" < 110 THEN 1 WHEN {t}."Bpm" < 130 THEN 2 WHEN {t}."Bpm" < 150 THEN 3 ELSE 4 END""";

    /// <summary>Adds <paramref name="sign"/> to the total, the license and the BPM bucket of track row <paramref name="t"/>.</summary>
    private static string Own(string t, int sign) => $"""
        INSERT INTO "CatalogCounters" ("Kind", "Key", "Count") VALUES (0, 0, {sign}), (2, {t}."LicenseId", {sign}) {Upsert}
        INSERT INTO "CatalogCounters" ("Kind", "Key", "Count") SELECT 3, {Bucket(t)}, {sign} WHERE {t}."Bpm" IS NOT NULL {Upsert}
        """;

    /// <summary>Adds <paramref name="sign"/> to every genre above one of the track's links, once per genre.</summary>
    private static string Genres(string t, int sign, string condition = "1") => $"""
        INSERT INTO "CatalogCounters" ("Kind", "Key", "Count")
        SELECT DISTINCT 1, c."AncestorId", {sign} FROM "TrackGenres" l JOIN "GenreClosure" c ON c."DescendantId" = l."GenreId"
        WHERE l."TrackId" = {t}."Id" AND {condition} {Upsert}
        """;

    /// <summary>A link added or removed counts for the genres above it that no other link of the track reaches.</summary>
    private static string Link(string l, int sign) => $"""
        INSERT INTO "CatalogCounters" ("Kind", "Key", "Count")
        SELECT 1, c."AncestorId", {sign} FROM "GenreClosure" c
        WHERE c."DescendantId" = {l}."GenreId"
          AND EXISTS (SELECT 1 FROM "Tracks" t WHERE t."Id" = {l}."TrackId" AND {Listed("t")})
          AND NOT EXISTS (SELECT 1 FROM "TrackGenres" o JOIN "GenreClosure" oc ON oc."DescendantId" = o."GenreId"
                          WHERE o."TrackId" = {l}."TrackId" AND o."GenreId" <> {l}."GenreId" AND oc."AncestorId" = c."AncestorId")
        {Upsert}
        """;

    /// <summary>The listed tracks of each genre's subtree, counted once each, for the genres <paramref name="where"/> picks.</summary>
    private static string GenreCount(string where) => $"""
        SELECT c."AncestorId", count(DISTINCT l."TrackId") FROM "GenreClosure" c
        JOIN "TrackGenres" l ON l."GenreId" = c."DescendantId" JOIN "Tracks" t ON t."Id" = l."TrackId"
        WHERE {Listed("t")} AND {where} GROUP BY c."AncestorId"
        """;

    private const string TrackColumns = "\"DeletedAt\", \"IsPublic\", \"State\", \"LicenseId\", \"Bpm\"";

    protected override void Up(MigrationBuilder mb)
    {
        mb.Sql("""
            CREATE TABLE "CatalogCounters" (
                "Kind" INTEGER NOT NULL, "Key" INTEGER NOT NULL, "Count" INTEGER NOT NULL,
                CONSTRAINT "PK_CatalogCounters" PRIMARY KEY ("Kind", "Key")) WITHOUT ROWID;
            """);
        mb.Sql($"""
            CREATE TRIGGER "CatalogCounters_TrackInsert" AFTER INSERT ON "Tracks" WHEN {Listed("NEW")} BEGIN
            {Own("NEW", 1)}
            {Genres("NEW", 1)}
            END;
            """);
        // Before the delete, while the track's links are still there; the links' own triggers then find no listed
        // track and change nothing.
        mb.Sql($"""
            CREATE TRIGGER "CatalogCounters_TrackDelete" BEFORE DELETE ON "Tracks" WHEN {Listed("OLD")} BEGIN
            {Own("OLD", -1)}
            {Genres("OLD", -1)}
            END;
            """);
        // An update takes the old row out and puts the new one in; the genres only move when listing changes.
        mb.Sql($"""
            CREATE TRIGGER "CatalogCounters_TrackUnlist" AFTER UPDATE OF {TrackColumns} ON "Tracks" WHEN {Listed("OLD")} BEGIN
            {Own("OLD", -1)}
            {Genres("OLD", -1, $"NOT ({Listed("NEW")})")}
            END;
            """);
        mb.Sql($"""
            CREATE TRIGGER "CatalogCounters_TrackList" AFTER UPDATE OF {TrackColumns} ON "Tracks" WHEN {Listed("NEW")} BEGIN
            {Own("NEW", 1)}
            {Genres("NEW", 1, $"NOT ({Listed("OLD")})")}
            END;
            """);
        mb.Sql($"""
            CREATE TRIGGER "CatalogCounters_LinkInsert" AFTER INSERT ON "TrackGenres" BEGIN
            {Link("NEW", 1)}
            END;
            """);
        mb.Sql($"""
            CREATE TRIGGER "CatalogCounters_LinkDelete" AFTER DELETE ON "TrackGenres" BEGIN
            {Link("OLD", -1)}
            END;
            """);
        // A genre deleted with links still on it: the links go first, while the closure still reaches the genres above.
        mb.Sql("""
            CREATE TRIGGER "CatalogCounters_GenreDelete" BEFORE DELETE ON "Genres" BEGIN
                DELETE FROM "TrackGenres" WHERE "GenreId" = OLD."Id";
            END;
            """);
        mb.Sql("""
            CREATE TRIGGER "CatalogCounters_GenreDeleted" AFTER DELETE ON "Genres" BEGIN
                DELETE FROM "CatalogCounters" WHERE "Kind" = 1 AND "Key" = OLD."Id";
            END;
            """);
        mb.Sql("DROP TRIGGER \"GenreClosure_AfterMove\";");
        mb.Sql(MoveTrigger(recount: true));

        mb.Sql($"""
            INSERT INTO "CatalogCounters" ("Kind", "Key", "Count") SELECT 0, 0, count(*) FROM "Tracks" t WHERE {Listed("t")};
            INSERT INTO "CatalogCounters" ("Kind", "Key", "Count")
            SELECT 2, t."LicenseId", count(*) FROM "Tracks" t WHERE {Listed("t")} GROUP BY t."LicenseId";
            INSERT INTO "CatalogCounters" ("Kind", "Key", "Count")
            SELECT 3, {Bucket("t")}, count(*) FROM "Tracks" t WHERE {Listed("t")} AND t."Bpm" IS NOT NULL GROUP BY 2;
            INSERT INTO "CatalogCounters" ("Kind", "Key", "Count") SELECT 1, * FROM ({GenreCount("1")});
            """);
    }

    /// <summary>The closure's move trigger (from 20261201000000_GenreTreeAndAudit), with the counters' recount after it
    /// when <paramref name="recount"/>, then <paramref name="after"/> (statements a later migration adds).</summary>
    internal static string MoveTrigger(bool recount, string after = "") => $"""
        CREATE TRIGGER "GenreClosure_AfterMove" AFTER UPDATE OF "ParentId" ON "Genres"
        WHEN OLD."ParentId" IS NOT NEW."ParentId" BEGIN
            DELETE FROM "GenreClosure"
            WHERE "DescendantId" IN (SELECT "DescendantId" FROM "GenreClosure" WHERE "AncestorId" = NEW."Id")
              AND "AncestorId" NOT IN (SELECT "DescendantId" FROM "GenreClosure" WHERE "AncestorId" = NEW."Id");
            INSERT INTO "GenreClosure" ("AncestorId", "DescendantId", "Depth")
            SELECT a."AncestorId", d."DescendantId", a."Depth" + d."Depth" + 1
            FROM "GenreClosure" a JOIN "GenreClosure" d ON d."AncestorId" = NEW."Id"
            WHERE a."DescendantId" = NEW."ParentId";
        {(recount ? $"""
            DELETE FROM "CatalogCounters" WHERE "Kind" = 1 AND "Key" IN
                (SELECT "AncestorId" FROM "GenreClosure" WHERE "DescendantId" IN (OLD."ParentId", NEW."ParentId"));
            INSERT INTO "CatalogCounters" ("Kind", "Key", "Count") SELECT 1, * FROM ({GenreCount(
                "c.\"AncestorId\" IN (SELECT \"AncestorId\" FROM \"GenreClosure\" WHERE \"DescendantId\" IN (OLD.\"ParentId\", NEW.\"ParentId\"))")});
            """ : "")}{after}
        END;
        """;

    protected override void Down(MigrationBuilder mb)
    {
        mb.Sql("DROP TRIGGER \"GenreClosure_AfterMove\";");
        mb.Sql(MoveTrigger(recount: false));
        foreach (var trigger in Triggers)
        {
            mb.Sql($"DROP TRIGGER \"{trigger}\";");
        }
        mb.Sql("DROP TABLE \"CatalogCounters\";");
    }
}
