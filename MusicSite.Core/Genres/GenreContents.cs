using Microsoft.EntityFrameworkCore;
using MusicSite.Data;

namespace MusicSite.Genres;

/// <summary>What a merge or a reassigning delete moved from one genre to another. Tracks and albums count every
/// one that was tagged with the source (each is tagged with the target afterwards, once); relations count those
/// now held by the target (a relation with the target itself is dropped).</summary>
public sealed record GenreMoveCounts(int Tracks, int Albums, int Relations, int Children);

/// <summary>Moves everything that hangs on a genre (subgenres, track and album tags, curated relations) to another
/// genre, inside the caller's transaction. The caller has checked that the target is outside the source's subtree.</summary>
internal sealed class GenreContents(MusicSiteDbContext db)
{
    /// <summary>True when the genre has a subgenre, or tags any track or album (deleted or hidden ones too: a
    /// delete must not drop their tags silently).</summary>
    public async Task<bool> AnyAsync(int genreId, CancellationToken cancellationToken) =>
        await db.Genres.AnyAsync(g => g.ParentId == genreId, cancellationToken)
        || await db.TrackGenres.AnyAsync(l => l.GenreId == genreId, cancellationToken)
        || await db.AlbumGenres.AnyAsync(l => l.GenreId == genreId, cancellationToken);

    public async Task<GenreMoveCounts> MoveAsync(int sourceId, int targetId, CancellationToken cancellationToken)
    {
        // An UPDATE of ParentId per child: the closure triggers re-hang each child's subtree.
        var children = await db.Genres.Where(g => g.ParentId == sourceId)
            .ExecuteUpdateAsync(s => s.SetProperty(g => g.ParentId, (int?)targetId), cancellationToken);

        // Links are inserted and deleted rather than updated: the search index's triggers on TrackGenres follow
        // inserts and deletes, and a link the target already has must not be doubled.
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO "TrackGenres" ("TrackId", "GenreId")
            SELECT "TrackId", {targetId} FROM "TrackGenres" WHERE "GenreId" = {sourceId}
              AND "TrackId" NOT IN (SELECT "TrackId" FROM "TrackGenres" WHERE "GenreId" = {targetId})
            """, cancellationToken);
        var tracks = await db.TrackGenres.Where(l => l.GenreId == sourceId).ExecuteDeleteAsync(cancellationToken);

        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO "AlbumGenres" ("AlbumId", "GenreId")
            SELECT "AlbumId", {targetId} FROM "AlbumGenres" WHERE "GenreId" = {sourceId}
              AND "AlbumId" NOT IN (SELECT "AlbumId" FROM "AlbumGenres" WHERE "GenreId" = {targetId})
            """, cancellationToken);
        var albums = await db.AlbumGenres.Where(l => l.GenreId == sourceId).ExecuteDeleteAsync(cancellationToken);

        var relations = await MoveRelationsAsync(sourceId, targetId, cancellationToken);
        return new GenreMoveCounts(tracks, albums, relations, children);
    }

    /// <summary>Re-points the source's relations at the target (tracked; saved by the caller's SaveChanges): no
    /// relation of the target with itself, and one relation per pair, keeping the higher weight and its kind.</summary>
    private async Task<int> MoveRelationsAsync(int sourceId, int targetId, CancellationToken cancellationToken)
    {
        var ofSource = await db.GenreRelations.Where(r => r.FromGenreId == sourceId || r.ToGenreId == sourceId)
            .ToListAsync(cancellationToken);
        var ofTarget = (await db.GenreRelations.Where(r => r.FromGenreId == targetId || r.ToGenreId == targetId)
            .ToListAsync(cancellationToken)).GroupBy(r => Other(r, targetId)).ToDictionary(g => g.Key, g => g.First());
        var moved = 0;
        foreach (var relation in ofSource)
        {
            db.GenreRelations.Remove(relation);
            var other = Other(relation, sourceId);
            if (other == targetId)
            {
                continue;
            }
            moved++;
            if (ofTarget.TryGetValue(other, out var existing))
            {
                if (relation.Weight > existing.Weight)
                {
                    existing.Weight = relation.Weight;
                    existing.Kind = relation.Kind;
                }
                continue;
            }
            var replacement = new GenreRelation
            {
                FromGenreId = relation.FromGenreId == sourceId ? targetId : relation.FromGenreId,
                ToGenreId = relation.ToGenreId == sourceId ? targetId : relation.ToGenreId,
                Kind = relation.Kind,
                Weight = relation.Weight,
            };
            db.GenreRelations.Add(replacement);
            ofTarget[other] = replacement;
        }
        return moved;
    }

    private static int Other(GenreRelation relation, int genreId) =>
        relation.FromGenreId == genreId ? relation.ToGenreId : relation.FromGenreId;
}
