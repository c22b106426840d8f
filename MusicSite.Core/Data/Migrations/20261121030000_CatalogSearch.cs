using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace MusicSite.Data.Migrations;

/// <summary>
/// Catalog browsing: counters to sort by, indexes for the sort columns, and TrackSearch, an FTS5 index
/// of title, artist, tags and description kept in step with Tracks and TrackTags by triggers.
/// </summary>
[DbContext(typeof(MusicSiteDbContext))]
[Migration("20261121030000_CatalogSearch")]
public sealed class CatalogSearch : Migration
{
    protected override void Up(MigrationBuilder mb)
    {
        mb.AddColumn<int>("PlayCount", "Tracks", "INTEGER", nullable: false, defaultValue: 0);
        mb.AddColumn<int>("DownloadCount", "Tracks", "INTEGER", nullable: false, defaultValue: 0);
        mb.AddColumn<int>("LikeCount", "Tracks", "INTEGER", nullable: false, defaultValue: 0);
        mb.CreateIndex("IX_Tracks_PlayCount", "Tracks", "PlayCount");
        mb.CreateIndex("IX_Tracks_Title", "Tracks", "Title");
        mb.CreateIndex("IX_Tracks_ArtistName", "Tracks", "ArtistName");

        // The FTS5 table stores its own copy of the text, so triggers can update single columns.
        mb.Sql("""
            CREATE VIRTUAL TABLE "TrackSearch" USING fts5(title, artist, tags, description, tokenize = 'unicode61 remove_diacritics 2');
            """);
        mb.Sql("""
            CREATE TRIGGER "TrackSearch_AfterTrackInsert" AFTER INSERT ON "Tracks" BEGIN
                INSERT INTO "TrackSearch"(rowid, title, artist, tags, description)
                VALUES (NEW."Id", NEW."Title", NEW."ArtistName", '', COALESCE(NEW."Description", ''));
            END;
            """);
        mb.Sql("""
            CREATE TRIGGER "TrackSearch_AfterTrackUpdate" AFTER UPDATE OF "Title", "ArtistName", "Description" ON "Tracks" BEGIN
                UPDATE "TrackSearch" SET title = NEW."Title", artist = NEW."ArtistName", description = COALESCE(NEW."Description", '')
                WHERE rowid = NEW."Id";
            END;
            """);
        mb.Sql("""
            CREATE TRIGGER "TrackSearch_AfterTrackDelete" AFTER DELETE ON "Tracks" BEGIN
                DELETE FROM "TrackSearch" WHERE rowid = OLD."Id";
            END;
            """);
        mb.Sql("""
            CREATE TRIGGER "TrackSearch_AfterTagInsert" AFTER INSERT ON "TrackTags" BEGIN
                UPDATE "TrackSearch" SET tags = (SELECT group_concat("Tag", ' ') FROM "TrackTags" WHERE "TrackId" = NEW."TrackId")
                WHERE rowid = NEW."TrackId";
            END;
            """);
        mb.Sql("""
            CREATE TRIGGER "TrackSearch_AfterTagDelete" AFTER DELETE ON "TrackTags" BEGIN
                UPDATE "TrackSearch" SET tags = COALESCE((SELECT group_concat("Tag", ' ') FROM "TrackTags" WHERE "TrackId" = OLD."TrackId"), '')
                WHERE rowid = OLD."TrackId";
            END;
            """);
        mb.Sql("""
            INSERT INTO "TrackSearch"(rowid, title, artist, tags, description)
            SELECT t."Id", t."Title", t."ArtistName",
                   COALESCE((SELECT group_concat(g."Tag", ' ') FROM "TrackTags" g WHERE g."TrackId" = t."Id"), ''),
                   COALESCE(t."Description", '')
            FROM "Tracks" t;
            """);
    }

    protected override void Down(MigrationBuilder mb)
    {
        foreach (var trigger in new[] { "TrackSearch_AfterTrackInsert", "TrackSearch_AfterTrackUpdate", "TrackSearch_AfterTrackDelete",
                     "TrackSearch_AfterTagInsert", "TrackSearch_AfterTagDelete" })
        {
            mb.Sql($"DROP TRIGGER \"{trigger}\";");
        }
        mb.Sql("DROP TABLE \"TrackSearch\";");
        mb.DropIndex("IX_Tracks_PlayCount", "Tracks");
        mb.DropIndex("IX_Tracks_Title", "Tracks");
        mb.DropIndex("IX_Tracks_ArtistName", "Tracks");
        foreach (var column in new[] { "PlayCount", "DownloadCount", "LikeCount" })
        {
            mb.Sql($"ALTER TABLE \"Tracks\" DROP COLUMN \"{column}\";");
        }
    }
}
