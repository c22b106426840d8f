using Microsoft.EntityFrameworkCore;
using MusicSite.Catalog;
using MusicSite.Data;

namespace MusicSite.Genres;

/// <summary>A genre as popular as <see cref="Plays"/> in the window (plays of tracks tagged with it) and, as the
/// fallback order, <see cref="TrackCount"/> (tracks tagged with it).</summary>
public sealed record PopularGenre(int Id, string Name, string Slug, int Plays, int TrackCount);

/// <summary>The one owner of the popular-genres ranking (docs/decisions/0024).</summary>
public sealed class PopularGenres(MusicSiteDbContext db, TrackCatalog catalog, CatalogCounters counters, ShowcaseCache cache, TimeProvider clock)
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
            ? await cache.GetAsync($"genres:popular:{days}", ShowcaseCache.PlaysLifetime, () => RankedAsync(playable, true, since, cancellationToken))
            : await RankedAsync(playable, false, since, cancellationToken);
        return (ranked.Skip(Common.Paging.Offset(page, limit)).Take(limit).ToList(), ranked.Count);
    }

    /// <summary>The ranking over <paramref name="playable"/>; <paramref name="listedOnly"/>: those are the listed tracks,
    /// whose count per genre the database keeps (<see cref="CounterKind.Tagged"/>).</summary>
    private async Task<IReadOnlyList<PopularGenre>> RankedAsync(IQueryable<Track> playable, bool listedOnly, DateTime since,
        CancellationToken cancellationToken)
    {
        var tracks = listedOnly
            ? await counters.OfKindAsync(CounterKind.Tagged, cancellationToken)
            : await playable.SelectMany(t => t.Genres)
                .GroupBy(l => l.GenreId).Select(g => new { GenreId = g.Key, Tracks = g.Count() })
                .ToDictionaryAsync(g => g.GenreId, g => g.Tracks, cancellationToken);
        // The window's plays per track first (one pass over the play index in track order), then each track's genres
        // by key: grouping every (play, link) pair by genre walked all the links of the catalog, 15 s at 1,000,000
        // tracks against 2.2 s this way (decision 0053).
        var perTrack = db.PlayEvents.Where(p => p.PlayedAt >= since).GroupBy(p => p.TrackId)
            .Select(g => new { TrackId = g.Key, Plays = g.Count() });
        var plays = await (
                from played in perTrack
                join track in playable on played.TrackId equals track.Id
                join link in db.TrackGenres on played.TrackId equals link.TrackId
                group played.Plays by link.GenreId into g
                select new { GenreId = g.Key, Plays = g.Sum() })
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
