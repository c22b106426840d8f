using Microsoft.EntityFrameworkCore;
using MusicSite.Catalog;
using MusicSite.Data;

namespace MusicSite.Genres;

/// <summary>A genre related to another, with why: <see cref="Reasons"/> says "curated" for an explicit relation
/// (seeded or added by an admin; <see cref="Kind"/> and <see cref="Weight"/> are then set) and "shares 14 tracks" when
/// tracks in the genre are also tagged with this one. <see cref="Score"/> orders the list (docs/decisions/0024).</summary>
public sealed record RelatedGenreItem(int Id, string Name, string Slug, double Score, IReadOnlyList<string> Reasons,
    GenreRelationKind? Kind, double? Weight, int SharedTracks);

/// <summary>The one owner of the related-genres ranking: explicit relations combined with co-occurrence on tracks.</summary>
/// <remarks>The ranking depends on content alone (no plays): for a viewer who sees exactly the listed tracks it is kept
/// until content changes (<see cref="ShowcaseCache"/>), since counting co-occurrence reads every track of the genre
/// (decision 0048).</remarks>
public sealed class RelatedGenres(MusicSiteDbContext db, TrackCatalog catalog, ShowcaseCache cache)
{
    public const string Curated = "curated";

    /// <summary>Related genres, best first; null for an unknown genre. Co-occurrence counts the playable tracks the viewer
    /// may see that are in the genre (or below it) and tagged with another genre outside its own line (its ancestors
    /// and subgenres are its family, not its relations). Score = curated weight (0 without) + Ochiai coefficient
    /// shared / √(tracks in the genre × tracks tagged with the other), both in [0, 1].</summary>
    public async Task<IReadOnlyList<RelatedGenreItem>?> RankAsync(int genreId, Viewer viewer, CancellationToken cancellationToken)
    {
        if (!await db.Genres.AnyAsync(g => g.Id == genreId, cancellationToken))
        {
            return null;
        }
        var listedOnly = await catalog.SeesListedOnlyAsync(viewer, cancellationToken);
        var playable = catalog.ListedFor(viewer, listedOnly);
        return listedOnly
            ? await cache.GetAsync($"genres:related:{genreId}", ShowcaseCache.ContentLifetime, () => RankAsync(genreId, playable, cancellationToken))
            : await RankAsync(genreId, playable, cancellationToken);
    }

    private async Task<IReadOnlyList<RelatedGenreItem>> RankAsync(int genreId, IQueryable<Track> playable, CancellationToken cancellationToken)
    {
        var curated = (await db.GenreRelations.AsNoTracking()
                .Where(r => r.FromGenreId == genreId || r.ToGenreId == genreId)
                .Select(r => new { Other = r.FromGenreId == genreId ? r.ToGenreId : r.FromGenreId, r.Kind, r.Weight })
                .ToListAsync(cancellationToken))
            .Where(r => r.Other != genreId)
            .GroupBy(r => r.Other).ToDictionary(g => g.Key, g => g.MaxBy(r => r.Weight)!);

        var family = await db.GenreClosure.AsNoTracking()
            .Where(c => c.AncestorId == genreId || c.DescendantId == genreId)
            .Select(c => c.AncestorId == genreId ? c.DescendantId : c.AncestorId)
            .ToListAsync(cancellationToken);
        var inGenre = playable.InGenre(db, genreId);
        var size = await inGenre.CountAsync(cancellationToken);
        // One link row per (track, genre), so counting links counts distinct tracks.
        var shared = await inGenre.SelectMany(t => t.Genres).Where(l => !family.Contains(l.GenreId))
            .GroupBy(l => l.GenreId).Select(g => new { GenreId = g.Key, Tracks = g.Count() })
            .ToDictionaryAsync(g => g.GenreId, g => g.Tracks, cancellationToken);
        var sharedIds = shared.Keys.ToList();
        var otherSizes = await playable.SelectMany(t => t.Genres).Where(l => sharedIds.Contains(l.GenreId))
            .GroupBy(l => l.GenreId).Select(g => new { GenreId = g.Key, Tracks = g.Count() })
            .ToDictionaryAsync(g => g.GenreId, g => g.Tracks, cancellationToken);

        var ids = curated.Keys.Union(shared.Keys).ToList();
        var names = await db.Genres.AsNoTracking().Where(g => ids.Contains(g.Id))
            .ToDictionaryAsync(g => g.Id, g => new { g.Name, g.Slug }, cancellationToken);
        return ids.Select(id =>
            {
                var relation = curated.GetValueOrDefault(id);
                var tracks = shared.GetValueOrDefault(id);
                var cooccurrence = tracks == 0 ? 0 : tracks / Math.Sqrt((double)size * otherSizes[id]);
                var reasons = new List<string>();
                if (relation is not null)
                {
                    reasons.Add(Curated);
                }
                if (tracks > 0)
                {
                    reasons.Add(tracks == 1 ? "shares 1 track" : $"shares {tracks} tracks");
                }
                return new RelatedGenreItem(id, names[id].Name, names[id].Slug, Math.Round((relation?.Weight ?? 0) + cooccurrence, 4),
                    reasons, relation?.Kind, relation?.Weight, tracks);
            })
            .OrderByDescending(r => r.Score).ThenByDescending(r => r.SharedTracks).ThenBy(r => r.Name, StringComparer.OrdinalIgnoreCase)
            .ToList();
    }
}
