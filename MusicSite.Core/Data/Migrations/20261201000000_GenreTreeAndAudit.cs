using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace MusicSite.Data.Migrations;

/// <summary>
/// The genre tree's closure table (kept by triggers on Genres, filled here from the existing tree with a recursive
/// query), the retired slugs of renamed and merged genres, and the audit store.
/// </summary>
[DbContext(typeof(MusicSiteDbContext))]
[Migration("20261201000000_GenreTreeAndAudit")]
public sealed class GenreTreeAndAudit : Migration
{
    private static readonly string[] Triggers = ["GenreClosure_AfterInsert", "GenreClosure_AfterMove"];

    protected override void Up(MigrationBuilder mb)
    {
        mb.CreateTable("GenreClosure", t => new
        {
            AncestorId = t.Column<int>("INTEGER", nullable: false),
            DescendantId = t.Column<int>("INTEGER", nullable: false),
            Depth = t.Column<int>("INTEGER", nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_GenreClosure", x => new { x.AncestorId, x.DescendantId });
            t.ForeignKey("FK_GenreClosure_Genres_AncestorId", x => x.AncestorId, "Genres", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_GenreClosure_Genres_DescendantId", x => x.DescendantId, "Genres", "Id", onDelete: ReferentialAction.Cascade);
        });
        mb.CreateIndex("IX_GenreClosure_DescendantId_Depth", "GenreClosure", ["DescendantId", "Depth"]);

        // A new genre is its own depth-0 row plus one row per ancestor of its parent.
        mb.Sql("""
            CREATE TRIGGER "GenreClosure_AfterInsert" AFTER INSERT ON "Genres" BEGIN
                INSERT INTO "GenreClosure" ("AncestorId", "DescendantId", "Depth") VALUES (NEW."Id", NEW."Id", 0);
                INSERT INTO "GenreClosure" ("AncestorId", "DescendantId", "Depth")
                SELECT "AncestorId", NEW."Id", "Depth" + 1 FROM "GenreClosure" WHERE "DescendantId" = NEW."ParentId";
            END;
            """);
        // A move detaches the subtree from its old ancestors and attaches it under every ancestor of the new parent.
        // (A delete needs no trigger: the foreign keys cascade.)
        mb.Sql("""
            CREATE TRIGGER "GenreClosure_AfterMove" AFTER UPDATE OF "ParentId" ON "Genres"
            WHEN OLD."ParentId" IS NOT NEW."ParentId" BEGIN
                DELETE FROM "GenreClosure"
                WHERE "DescendantId" IN (SELECT "DescendantId" FROM "GenreClosure" WHERE "AncestorId" = NEW."Id")
                  AND "AncestorId" NOT IN (SELECT "DescendantId" FROM "GenreClosure" WHERE "AncestorId" = NEW."Id");
                INSERT INTO "GenreClosure" ("AncestorId", "DescendantId", "Depth")
                SELECT a."AncestorId", d."DescendantId", a."Depth" + d."Depth" + 1
                FROM "GenreClosure" a JOIN "GenreClosure" d ON d."AncestorId" = NEW."Id"
                WHERE a."DescendantId" = NEW."ParentId";
            END;
            """);
        mb.Sql("""
            INSERT INTO "GenreClosure" ("AncestorId", "DescendantId", "Depth")
            WITH RECURSIVE up("AncestorId", "DescendantId", "Depth") AS (
                SELECT "Id", "Id", 0 FROM "Genres"
                UNION ALL
                SELECT g."ParentId", up."DescendantId", up."Depth" + 1
                FROM up JOIN "Genres" g ON g."Id" = up."AncestorId"
                WHERE g."ParentId" IS NOT NULL
            )
            SELECT "AncestorId", "DescendantId", "Depth" FROM up;
            """);

        mb.CreateTable("RetiredGenreSlugs", t => new
        {
            Slug = t.Column<string>("TEXT", maxLength: 120, nullable: false),
            GenreId = t.Column<int>("INTEGER", nullable: false),
            RetiredAt = t.Column<DateTime>("TEXT", nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_RetiredGenreSlugs", x => x.Slug);
            t.ForeignKey("FK_RetiredGenreSlugs_Genres_GenreId", x => x.GenreId, "Genres", "Id", onDelete: ReferentialAction.Cascade);
        });
        mb.CreateIndex("IX_RetiredGenreSlugs_GenreId", "RetiredGenreSlugs", "GenreId");

        mb.CreateTable("AuditEntries", t => new
        {
            Id = t.Column<long>("INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
            At = t.Column<DateTime>("TEXT", nullable: false),
            ActorId = t.Column<int>("INTEGER", nullable: true),
            ActorName = t.Column<string>("TEXT", maxLength: 256, nullable: false),
            Action = t.Column<string>("TEXT", maxLength: 60, nullable: false),
            EntityType = t.Column<string>("TEXT", maxLength: 40, nullable: false),
            EntityId = t.Column<string>("TEXT", maxLength: 40, nullable: true),
            Before = t.Column<string>("TEXT", nullable: true),
            After = t.Column<string>("TEXT", nullable: true),
            ClientAddress = t.Column<string>("TEXT", maxLength: 64, nullable: true),
            UserAgent = t.Column<string>("TEXT", maxLength: 300, nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_AuditEntries", x => x.Id);
            t.ForeignKey("FK_AuditEntries_AspNetUsers_ActorId", x => x.ActorId, "AspNetUsers", "Id", onDelete: ReferentialAction.SetNull);
        });
        mb.CreateIndex("IX_AuditEntries_At", "AuditEntries", "At");
        mb.CreateIndex("IX_AuditEntries_EntityType_EntityId", "AuditEntries", ["EntityType", "EntityId"]);
        mb.CreateIndex("IX_AuditEntries_ActorId", "AuditEntries", "ActorId");
    }

    protected override void Down(MigrationBuilder mb)
    {
        mb.DropTable("AuditEntries");
        mb.DropTable("RetiredGenreSlugs");
        foreach (var trigger in Triggers)
        {
            mb.Sql($"DROP TRIGGER \"{trigger}\";");
        }
        mb.DropTable("GenreClosure");
    }
}
