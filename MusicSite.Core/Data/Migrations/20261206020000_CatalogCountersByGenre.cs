using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace MusicSite.Data.Migrations;

/// <summary>
/// The listed catalog's counters within each genre, read by <c>CatalogCounters.WithinGenreAsync</c> for the facets of a
/// list filtered by one genre (decision 0053): a raw-SQL table outside the EF model, like CatalogCounters, kept by
/// triggers on Tracks, TrackGenres and Genres and filled here from the existing rows. A row (G, 1, H, n): n listed
/// tracks are in genre G's subtree and in genre H's (G = H is G's own count); (G, 3, b, n): n of G's listed tracks
/// are in BPM bucket b. "In a subtree" is as CatalogCounters counts it: once per track, however many of its links
/// reach the genre. The genre tree's move trigger is rebuilt once more to recount, after the closure and the genre
/// counters, the rows of the genres above the old and the new parent.
/// </summary>
[DbContext(typeof(MusicSiteDbContext))]
[Migration("20261206020000_CatalogCountersByGenre")]
public sealed class CatalogCountersByGenre : Migration
{
    private static readonly string[] Triggers =
    [
        "CatalogCountersByGenre_TrackInsert", "CatalogCountersByGenre_TrackDelete", "CatalogCountersByGenre_TrackUnlist",
        "CatalogCountersByGenre_TrackList", "CatalogCountersByGenre_LinkInsert", "CatalogCountersByGenre_LinkDelete",
        "CatalogCountersByGenre_GenreDeleted",
    ];

    private const string Insert = """INSERT INTO "CatalogCountersByGenre" ("GenreId", "Kind", "Key", "Count")""";

    private const string Upsert = """ON CONFLICT ("GenreId", "Kind", "Key") DO UPDATE SET "Count" = "Count" + excluded."Count";""";

    private static string Listed(string t) => CatalogCounterTriggers.Listed(t);

    private static string Bucket(string t) => CatalogCounterTriggers.Bucket(t);

    /// <summary>The genres at or above one of track <paramref name="id"/>'s links, once each (column G).</summary>
    private static string Credited(string id) => $"""
        SELECT DISTINCT c."AncestorId" AS "G" FROM "TrackGenres" l JOIN "GenreClosure" c ON c."DescendantId" = l."GenreId"
        WHERE l."TrackId" = {id}
        """;

    /// <summary>Adds <paramref name="sign"/> to every pair of the genres track row <paramref name="t"/> is in, when
    /// <paramref name="condition"/> holds.</summary>
    private static string Pairs(string t, int sign, string condition = "1") => $"""
        {Insert} SELECT a."G", 1, b."G", {sign} FROM ({Credited($"{t}.\"Id\"")}) a, ({Credited($"{t}.\"Id\"")}) b
        WHERE {condition} {Upsert}
        """;

    /// <summary>Adds <paramref name="sign"/> to the BPM bucket of track row <paramref name="t"/> in each genre it is in.</summary>
    private static string Bpm(string t, int sign) => $"""
        {Insert} SELECT a."G", 3, {Bucket(t)}, {sign} FROM ({Credited($"{t}.\"Id\"")}) a WHERE {t}."Bpm" IS NOT NULL {Upsert}
        """;

    /// <summary>Whether genre <paramref name="g"/> is one link row <paramref name="l"/> alone puts its track in: at or
    /// above the link's genre, and reached by no other link of the track.</summary>
    private static string OnlyBy(string l, string g) => $"""
        ({g} IN (SELECT "AncestorId" FROM "GenreClosure" WHERE "DescendantId" = {l}."GenreId")
         AND NOT EXISTS (SELECT 1 FROM "TrackGenres" o JOIN "GenreClosure" oc ON oc."DescendantId" = o."GenreId"
                         WHERE o."TrackId" = {l}."TrackId" AND o."GenreId" <> {l}."GenreId" AND oc."AncestorId" = {g}))
        """;

    /// <summary>A link added or removed: the genres it alone puts its (listed) track in gain or lose their pairs with
    /// every genre the track is in (with the link), and the track's BPM bucket.</summary>
    private static string Link(string l, int sign)
    {
        var genres = $"""
            SELECT c."AncestorId" AS "G" FROM "TrackGenres" o JOIN "GenreClosure" c ON c."DescendantId" = o."GenreId"
            WHERE o."TrackId" = {l}."TrackId"
            UNION SELECT "AncestorId" FROM "GenreClosure" WHERE "DescendantId" = {l}."GenreId"
            """;
        return $"""
            {Insert} SELECT a."G", 1, b."G", {sign} FROM ({genres}) a, ({genres}) b
            WHERE EXISTS (SELECT 1 FROM "Tracks" t WHERE t."Id" = {l}."TrackId" AND {Listed("t")})
              AND ({OnlyBy(l, "a.\"G\"")} OR {OnlyBy(l, "b.\"G\"")}) {Upsert}
            {Insert} SELECT a."G", 3, {Bucket("t")}, {sign} FROM ({genres}) a JOIN "Tracks" t ON t."Id" = {l}."TrackId"
            WHERE {Listed("t")} AND t."Bpm" IS NOT NULL AND {OnlyBy(l, "a.\"G\"")} {Upsert}
            """;
    }

    /// <summary>The rows of the genres <paramref name="where"/> picks (on the closure row c), counted from the listed
    /// tracks: each (genre, track) once, then every genre the track is in, each track once per pair.</summary>
    private static string Recount(string where) => $"""
        {Insert}
        SELECT a."G", 1, cb."AncestorId", count(DISTINCT a."T")
        FROM (SELECT DISTINCT l."TrackId" AS "T", c."AncestorId" AS "G" FROM "GenreClosure" c
              JOIN "TrackGenres" l ON l."GenreId" = c."DescendantId" JOIN "Tracks" t ON t."Id" = l."TrackId"
              WHERE {Listed("t")} AND {where}) a
        JOIN "TrackGenres" lb ON lb."TrackId" = a."T" JOIN "GenreClosure" cb ON cb."DescendantId" = lb."GenreId"
        GROUP BY a."G", cb."AncestorId";
        {Insert}
        SELECT a."G", 3, {Bucket("t")} AS "Bucket", count(*)
        FROM (SELECT DISTINCT l."TrackId" AS "T", c."AncestorId" AS "G" FROM "GenreClosure" c
              JOIN "TrackGenres" l ON l."GenreId" = c."DescendantId" WHERE {where}) a
        JOIN "Tracks" t ON t."Id" = a."T"
        WHERE {Listed("t")} AND t."Bpm" IS NOT NULL
        GROUP BY a."G", "Bucket";
        """;

    /// <summary>After a move: the genres above the old and the new parent are the only ones a track can have entered
    /// or left. Their rows are recounted, and the pairs they form with the other genres mirrored (a pair counts the
    /// same tracks both ways).</summary>
    private const string Affected = """SELECT "AncestorId" FROM "GenreClosure" WHERE "DescendantId" IN (OLD."ParentId", NEW."ParentId")""";

    private static string AfterMove() => $"""

            DELETE FROM "CatalogCountersByGenre" WHERE "GenreId" IN ({Affected}) OR ("Kind" = 1 AND "Key" IN ({Affected}));
        {Recount($"c.\"AncestorId\" IN ({Affected})")}
            {Insert} SELECT "Key", 1, "GenreId", "Count" FROM "CatalogCountersByGenre"
            WHERE "Kind" = 1 AND "GenreId" IN ({Affected}) AND "Key" NOT IN ({Affected});
        """;

    private const string TrackColumns = "\"DeletedAt\", \"IsPublic\", \"State\", \"Bpm\"";

    protected override void Up(MigrationBuilder mb)
    {
        mb.Sql("""
            CREATE TABLE "CatalogCountersByGenre" (
                "GenreId" INTEGER NOT NULL, "Kind" INTEGER NOT NULL, "Key" INTEGER NOT NULL, "Count" INTEGER NOT NULL,
                CONSTRAINT "PK_CatalogCountersByGenre" PRIMARY KEY ("GenreId", "Kind", "Key")) WITHOUT ROWID;
            """);
        mb.Sql($"""
            CREATE TRIGGER "CatalogCountersByGenre_TrackInsert" AFTER INSERT ON "Tracks" WHEN {Listed("NEW")} BEGIN
            {Pairs("NEW", 1)}
            {Bpm("NEW", 1)}
            END;
            """);
        // Before the delete, while the track's links are still there (as CatalogCounters_TrackDelete).
        mb.Sql($"""
            CREATE TRIGGER "CatalogCountersByGenre_TrackDelete" BEFORE DELETE ON "Tracks" WHEN {Listed("OLD")} BEGIN
            {Pairs("OLD", -1)}
            {Bpm("OLD", -1)}
            END;
            """);
        // An update takes the old BPM bucket out and puts the new one in; the pairs only move when listing changes.
        mb.Sql($"""
            CREATE TRIGGER "CatalogCountersByGenre_TrackUnlist" AFTER UPDATE OF {TrackColumns} ON "Tracks" WHEN {Listed("OLD")} BEGIN
            {Bpm("OLD", -1)}
            {Pairs("OLD", -1, $"NOT ({Listed("NEW")})")}
            END;
            """);
        mb.Sql($"""
            CREATE TRIGGER "CatalogCountersByGenre_TrackList" AFTER UPDATE OF {TrackColumns} ON "Tracks" WHEN {Listed("NEW")} BEGIN
            {Bpm("NEW", 1)}
            {Pairs("NEW", 1, $"NOT ({Listed("OLD")})")}
            END;
            """);
        mb.Sql($"""
            CREATE TRIGGER "CatalogCountersByGenre_LinkInsert" AFTER INSERT ON "TrackGenres" BEGIN
            {Link("NEW", 1)}
            END;
            """);
        mb.Sql($"""
            CREATE TRIGGER "CatalogCountersByGenre_LinkDelete" AFTER DELETE ON "TrackGenres" BEGIN
            {Link("OLD", -1)}
            END;
            """);
        // The genre's links went before it (CatalogCounters_GenreDelete), so its rows are zeros by now.
        mb.Sql("""
            CREATE TRIGGER "CatalogCountersByGenre_GenreDeleted" AFTER DELETE ON "Genres" BEGIN
                DELETE FROM "CatalogCountersByGenre" WHERE "GenreId" = OLD."Id" OR ("Kind" = 1 AND "Key" = OLD."Id");
            END;
            """);
        mb.Sql("DROP TRIGGER \"GenreClosure_AfterMove\";");
        mb.Sql(CatalogCounterTriggers.MoveTrigger(recount: true, AfterMove()));
        mb.Sql(Fill);
    }

    /// <summary>Every row counted from the listed tracks, into the empty table: this migration's fill, and the
    /// benchmark's after a bulk load without the insert triggers.</summary>
    public static string Fill => Recount("1");

    protected override void Down(MigrationBuilder mb)
    {
        mb.Sql("DROP TRIGGER \"GenreClosure_AfterMove\";");
        mb.Sql(CatalogCounterTriggers.MoveTrigger(recount: true));
        foreach (var trigger in Triggers)
        {
            mb.Sql($"DROP TRIGGER \"{trigger}\";");
        }
        mb.Sql("DROP TABLE \"CatalogCountersByGenre\";");
    }
}
