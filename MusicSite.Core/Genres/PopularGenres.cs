using Microsoft.EntityFrameworkCore;
using MusicSite.Catalog;
using MusicSite.Data;

namespace MusicSite.Genres;

/// <summary>A genre as popular as <see cref="Plays"/> in the window (plays of tracks tagged with it) and, as the
/// fallback order, <see cref="TrackCount"/> (tracks tagged with it).</summary>
public sealed record PopularGenre(int Id, string Name, string Slug, int Plays, int TrackCount);

/// <summary>The one owner of the popular-genres ranking (docs/decisions/0024).</summary>
public sealed class PopularGenres(MusicSiteDbContext db, TrackCatalog catalog, ShowcaseCache cache, TimeProvider clock)
{
    public const int DefaultDays = 30;
    public const int MaxDays = 365;

    /// <summary>Genres with playable tracks the viewer may see, by plays (PlayEvents) in the last <paramref name="days"/>
    /// days, then by track count, then by name. A play counts for the genres its track is tagged with, not their
    /// ancestors (else the top-level genres would always lead). The aggregates are grouped in the database; the
    /// ranked list has at most one row per genre, and the page is cut from it.</summary>
    /// <remarks>For every viewer who sees exactly the listed tracks the whole ranking is kept briefly
    /// (<see cref="ShowcaseCache"/>: until content changes, plays lag by at most its lifetime); admins and uploaders
    /// with private tracks get theirs counted on each request.</remarks>
    public async Task<(IReadOnlyList<PopularGenre> Items, int Total)> RankAsync(Viewer viewer, int days, int page, int limit,
        CancellationToken cancellationToken)
    {
        var since = clock.GetUtcNow().UtcDateTime.AddDays(-days);
        var listedOnly = await catalog.SeesListedOnlyAsync(viewer, cancellationToken);
        var playable = catalog.ListedFor(viewer, listedOnly);
        var ranked = listedOnly
            ? await cache.GetAsync($"genres:popular:{days}", ShowcaseCache.PlaysLifetime, () => RankedAsync(playable, since, cancellationToken))
            : await RankedAsync(playable, since, cancellationToken);
        return (ranked.Skip(Common.Paging.Offset(page, limit)).Take(limit).ToList(), ranked.Count);
    }

    private async Task<IReadOnlyList<PopularGenre>> RankedAsync(IQueryable<Track> playable, DateTime since, CancellationToken cancellationToken)
    {
        var tracks = await playable.SelectMany(t => t.Genres)
            .GroupBy(l => l.GenreId).Select(g => new { GenreId = g.Key, Tracks = g.Count() })
            .ToDictionaryAsync(g => g.GenreId, g => g.Tracks, cancellationToken);
        var plays = await (
                from play in db.PlayEvents
                where play.PlayedAt >= since
                join link in db.TrackGenres on play.TrackId equals link.TrackId
                join track in playable on link.TrackId equals track.Id
                group play by link.GenreId into g
                select new { GenreId = g.Key, Plays = g.Count() })
            .ToDictionaryAsync(g => g.GenreId, g => g.Plays, cancellationToken);
        var ids = tracks.Keys.ToList();
        var genres = await db.Genres.AsNoTracking().Where(g => ids.Contains(g.Id))
            .Select(g => new { g.Id, g.Name, g.Slug }).ToListAsync(cancellationToken);
        return genres
            .Select(g => new PopularGenre(g.Id, g.Name, g.Slug, plays.GetValueOrDefault(g.Id), tracks[g.Id]))
            .OrderByDescending(g => g.Plays).ThenByDescending(g => g.TrackCount).ThenBy(g => g.Name, StringComparer.OrdinalIgnoreCase)
            .ToList();
    }
}
