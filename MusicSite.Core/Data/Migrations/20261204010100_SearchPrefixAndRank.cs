using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace MusicSite.Data.Migrations;

/// <summary>
/// Search at scale (decision 0042). TrackSearch gains prefix indexes of two and three letters (prefix='2 3'), so a
/// short prefix ("mid"*) reads one doclist instead of merging every word it starts; and its bm25 weights become the
/// table's own rank (title 10, artist 5, tags 2, description 1, genres 2), so the catalog orders by the rank column.
/// FTS5 has no ALTER, so the index is built again from the tracks; the triggers of the earlier migrations name their
/// columns and stay as they are.
/// </summary>
[DbContext(typeof(MusicSiteDbContext))]
[Migration("20261204010100_SearchPrefixAndRank")]
public sealed class SearchPrefixAndRank : Migration
{
    private const string Columns = "title, artist, tags, description, genres, tokenize = 'unicode61 remove_diacritics 2'";

    private const string Fill = """
        INSERT INTO "TrackSearch"(rowid, title, artist, tags, description, genres)
        SELECT t."Id", t."Title", t."ArtistName",
               COALESCE((SELECT group_concat(x."Tag", ' ') FROM "TrackTags" x WHERE x."TrackId" = t."Id"), ''),
               COALESCE(t."Description", ''),
               COALESCE((SELECT group_concat(g."Name", ' ') FROM "TrackGenres" tg JOIN "Genres" g ON g."Id" = tg."GenreId"
                         WHERE tg."TrackId" = t."Id"), '')
        FROM "Tracks" t;
        """;

    protected override void Up(MigrationBuilder mb)
    {
        mb.Sql("DROP TABLE \"TrackSearch\";");
        mb.Sql($"CREATE VIRTUAL TABLE \"TrackSearch\" USING fts5({Columns}, prefix = '2 3');");
        mb.Sql("INSERT INTO \"TrackSearch\"(\"TrackSearch\", rank) VALUES ('rank', 'bm25(10.0, 5.0, 2.0, 1.0, 2.0)');");
        mb.Sql(Fill);
    }

    protected override void Down(MigrationBuilder mb)
    {
        mb.Sql("DROP TABLE \"TrackSearch\";");
        mb.Sql($"CREATE VIRTUAL TABLE \"TrackSearch\" USING fts5({Columns});");
        mb.Sql(Fill);
    }
}
