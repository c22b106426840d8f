using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace MusicSite.Data.Migrations;

/// <summary>
/// Search finds genre names ("lo-fi" finds the Lo-fi Hip Hop tracks): TrackSearch gains a fifth column, genres,
/// the names of the track's own genres, kept in step by triggers on TrackGenres and on a genre's name. FTS5 has no
/// ADD COLUMN, so the index is built again; the triggers of <see cref="CatalogSearch"/> name their columns and
/// stay as they are.
/// </summary>
[DbContext(typeof(MusicSiteDbContext))]
[Migration("20261130140000_SearchGenreNames")]
public sealed class SearchGenreNames : Migration
{
    private const string GenreNamesOf = """
        COALESCE((SELECT group_concat(g."Name", ' ') FROM "TrackGenres" tg JOIN "Genres" g ON g."Id" = tg."GenreId"
                  WHERE tg."TrackId" = {0}), '')
        """;

    private static readonly string[] Triggers = ["TrackSearch_AfterGenreLinkInsert", "TrackSearch_AfterGenreLinkDelete", "TrackSearch_AfterGenreRename"];

    protected override void Up(MigrationBuilder mb)
    {
        mb.Sql("DROP TABLE \"TrackSearch\";");
        mb.Sql("""
            CREATE VIRTUAL TABLE "TrackSearch" USING fts5(title, artist, tags, description, genres, tokenize = 'unicode61 remove_diacritics 2');
            """);
        mb.Sql($"""
            CREATE TRIGGER "TrackSearch_AfterGenreLinkInsert" AFTER INSERT ON "TrackGenres" BEGIN
                UPDATE "TrackSearch" SET genres = {string.Format(GenreNamesOf, "NEW.\"TrackId\"")} WHERE rowid = NEW."TrackId";
            END;
            """);
        mb.Sql($"""
            CREATE TRIGGER "TrackSearch_AfterGenreLinkDelete" AFTER DELETE ON "TrackGenres" BEGIN
                UPDATE "TrackSearch" SET genres = {string.Format(GenreNamesOf, "OLD.\"TrackId\"")} WHERE rowid = OLD."TrackId";
            END;
            """);
        mb.Sql($"""
            CREATE TRIGGER "TrackSearch_AfterGenreRename" AFTER UPDATE OF "Name" ON "Genres" BEGIN
                UPDATE "TrackSearch" SET genres = {string.Format(GenreNamesOf, "\"TrackSearch\".rowid")}
                WHERE rowid IN (SELECT "TrackId" FROM "TrackGenres" WHERE "GenreId" = NEW."Id");
            END;
            """);
        mb.Sql($"""
            INSERT INTO "TrackSearch"(rowid, title, artist, tags, description, genres)
            SELECT t."Id", t."Title", t."ArtistName",
                   COALESCE((SELECT group_concat(x."Tag", ' ') FROM "TrackTags" x WHERE x."TrackId" = t."Id"), ''),
                   COALESCE(t."Description", ''),
                   {string.Format(GenreNamesOf, "t.\"Id\"")}
            FROM "Tracks" t;
            """);
    }

    protected override void Down(MigrationBuilder mb)
    {
        foreach (var trigger in Triggers)
        {
            mb.Sql($"DROP TRIGGER \"{trigger}\";");
        }
        mb.Sql("DROP TABLE \"TrackSearch\";");
        mb.Sql("""
            CREATE VIRTUAL TABLE "TrackSearch" USING fts5(title, artist, tags, description, tokenize = 'unicode61 remove_diacritics 2');
            """);
        mb.Sql("""
            INSERT INTO "TrackSearch"(rowid, title, artist, tags, description)
            SELECT t."Id", t."Title", t."ArtistName",
                   COALESCE((SELECT group_concat(x."Tag", ' ') FROM "TrackTags" x WHERE x."TrackId" = t."Id"), ''),
                   COALESCE(t."Description", '')
            FROM "Tracks" t;
            """);
    }
}
