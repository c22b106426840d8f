using Microsoft.EntityFrameworkCore;
using MusicSite.Data;
using MusicSite.Genres;

namespace MusicSite.Catalog;

public enum ReleaseKind
{
    Album,
    Track,
}

/// <summary>An album or a single (a track on no album), as the home page features it.</summary>
public sealed record Release(ReleaseKind Kind, int Id, string Title, string ArtistName, UploaderRef Artist, bool HasArtwork,
    DateTime PublishedAt, int TrackCount, DateTime UpdatedAt);

public sealed record ChartEntry(TrackSummary Track, int Plays);

/// <summary>The most played tracks: of the last seven days when any were played then (<see cref="ThisWeek"/>),
/// else of all time.</summary>
public sealed record PopularTracks(IReadOnlyList<ChartEntry> Entries, bool ThisWeek);

/// <summary>A genre to browse, with how many tracks it holds (null when the site has no tracks in any genre yet).</summary>
public sealed record GenreChip(string Name, string Slug, int? TrackCount);

/// <summary>What the home page features: the newest releases, what is played this week, and genres to browse. Each
/// reads an index in its order and stops, or a briefly kept ranking checked against what the viewer may see
/// (decision 0048).</summary>
public sealed class Showcase(MusicSiteDbContext db, TrackCatalog catalog, GenreDirectory genres, PopularGenres popularGenres,
    ShowcaseCache cache, TimeProvider clock)
{
    public static readonly TimeSpan Week = TimeSpan.FromDays(7);

    /// <summary>How many of the week's most played tracks are kept; past them (all hidden) the chart is counted afresh.</summary>
    internal const int RankingDepth = 2000;

    /// <summary>Albums with a playable track and singles, newest first. An album is as new as its newest track.</summary>
    /// <remarks>The playable tracks are read newest first (a list index) until the releases newer than the last track
    /// read fill the list: a release's date is that of the first of its tracks met, so those are exact.</remarks>
    public async Task<IReadOnlyList<Release>> NewReleasesAsync(Viewer viewer, int count, CancellationToken cancellationToken)
    {
        var playable = await catalog.ListedForAsync(viewer, cancellationToken);
        List<(ReleaseKind Kind, int Id, DateTime At)> found;
        for (var read = Math.Max(64, 8 * count); ; read *= 4)
        {
            var rows = await playable.OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id).Take(read)
                .Select(t => new { t.Id, t.AlbumId, t.CreatedAt }).ToListAsync(cancellationToken);
            found = rows.Select(r => r.AlbumId is { } album ? (ReleaseKind.Album, album, r.CreatedAt) : (ReleaseKind.Track, r.Id, r.CreatedAt))
                .DistinctBy(r => (r.Item1, r.Item2)).ToList();
            if (rows.Count < read || found.Count(f => f.At > rows[^1].CreatedAt) >= count)
            {
                break;
            }
        }
        var top = found.OrderByDescending(r => r.At).ThenBy(r => r.Kind).ThenByDescending(r => r.Id).Take(count).ToList();
        var albumIds = top.Where(r => r.Kind == ReleaseKind.Album).Select(r => r.Id).ToArray();
        var trackIds = top.Where(r => r.Kind == ReleaseKind.Track).Select(r => r.Id).ToArray();
        var sizes = await playable.Where(t => t.AlbumId != null && albumIds.Contains(t.AlbumId.Value))
            .GroupBy(t => t.AlbumId!.Value).Select(g => new { g.Key, Tracks = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Tracks, cancellationToken);
        var albums = await db.Albums.AsNoTracking().Where(a => albumIds.Contains(a.Id))
            .Select(a => new
            {
                a.Id, a.Title, a.ArtistName, a.OwnerId, Owner = a.Owner!.DisplayName, a.Owner.ArtistSlug, HasArtwork = a.ArtworkPath != null, a.UpdatedAt,
            })
            .ToDictionaryAsync(a => a.Id, cancellationToken);
        var singles = await db.Tracks.AsNoTracking().Where(t => trackIds.Contains(t.Id))
            .Select(t => new
            {
                t.Id, t.Title, t.ArtistName, t.UploaderId, Owner = t.Uploader!.DisplayName, t.Uploader.ArtistSlug,
                HasArtwork = t.ArtworkPath != null, t.UpdatedAt,
            })
            .ToDictionaryAsync(t => t.Id, cancellationToken);
        return top.Select(r =>
            {
                if (r.Kind == ReleaseKind.Album)
                {
                    var a = albums[r.Id];
                    return new Release(ReleaseKind.Album, a.Id, a.Title, a.ArtistName, new UploaderRef(a.OwnerId, a.Owner, a.ArtistSlug),
                        a.HasArtwork, r.At, sizes.GetValueOrDefault(a.Id), a.UpdatedAt);
                }
                var t = singles[r.Id];
                return new Release(ReleaseKind.Track, t.Id, t.Title, t.ArtistName, new UploaderRef(t.UploaderId, t.Owner, t.ArtistSlug),
                    t.HasArtwork, r.At, 1, t.UpdatedAt);
            })
            .ToList();
    }

    /// <summary>The tracks counted most often in the last seven days (PlayEvents); on a site where nothing was
    /// played that week, the most played of all time; empty when nothing was ever played.</summary>
    /// <remarks>The week's ranking of every track id is kept briefly (<see cref="ShowcaseCache.PlaysLifetime"/>); which
    /// of them the viewer may see is read now, so a track made private or deleted leaves the chart at once.</remarks>
    public async Task<PopularTracks> PopularAsync(Viewer viewer, int count, CancellationToken cancellationToken)
    {
        var playable = await catalog.ListedForAsync(viewer, cancellationToken);
        var since = clock.GetUtcNow().UtcDateTime - Week;
        var ranking = await cache.GetAsync("plays:week", ShowcaseCache.PlaysLifetime, () => WeekRankingAsync(since, cancellationToken));
        var chart = new List<(int Id, int Plays)>(count);
        for (var from = 0; from < ranking.Length && chart.Count < count; from += 4 * count)
        {
            var chunk = ranking.Skip(from).Take(4 * count).ToList();
            var ids = chunk.Select(c => c.Id).ToArray();
            var shown = (await playable.Where(t => ids.Contains(t.Id)).Select(t => t.Id).ToListAsync(cancellationToken)).ToHashSet();
            chart.AddRange(chunk.Where(c => shown.Contains(c.Id)).Take(count - chart.Count));
        }
        if (chart.Count < count && ranking.Length == RankingDepth)
        {
            // Every kept entry was hidden from this viewer: count the week afresh, past the kept depth.
            chart = (await playable
                    .Select(t => new { t.Id, Plays = db.PlayEvents.Count(p => p.TrackId == t.Id && p.PlayedAt >= since) })
                    .Where(t => t.Plays > 0).OrderByDescending(t => t.Plays).ThenByDescending(t => t.Id).Take(count)
                    .ToListAsync(cancellationToken)).Select(t => (t.Id, t.Plays)).ToList();
        }
        var thisWeek = chart.Count > 0;
        if (!thisWeek)
        {
            chart = (await playable.Where(t => t.PlayCount > 0).OrderByDescending(t => t.PlayCount).ThenByDescending(t => t.Id).Take(count)
                .Select(t => new { t.Id, t.PlayCount }).ToListAsync(cancellationToken)).Select(t => (t.Id, Plays: t.PlayCount)).ToList();
        }
        var summaries = (await catalog.SummariesAsync(chart.Select(c => c.Id).ToList(), cancellationToken)).ToDictionary(t => t.Id);
        return new PopularTracks(chart.Where(c => summaries.ContainsKey(c.Id)).Select(c => new ChartEntry(summaries[c.Id], c.Plays)).ToList(), thisWeek);
    }

    /// <summary>Every track played since <paramref name="since"/>, most played first (then the higher id), to
    /// <see cref="RankingDepth"/>: one pass over the plays' time index, whatever their tracks.</summary>
    private async Task<(int Id, int Plays)[]> WeekRankingAsync(DateTime since, CancellationToken cancellationToken) =>
        (await db.PlayEvents.Where(p => p.PlayedAt >= since).GroupBy(p => p.TrackId)
            .Select(g => new { Id = g.Key, Plays = g.Count() })
            .OrderByDescending(g => g.Plays).ThenByDescending(g => g.Id).Take(RankingDepth)
            .ToListAsync(cancellationToken)).Select(g => (g.Id, g.Plays)).ToArray();

    /// <summary>The popular genres of the last 30 days (<see cref="PopularGenres"/>: plays, then track count); the
    /// top-level genres while no track has a genre.</summary>
    public async Task<IReadOnlyList<GenreChip>> GenresAsync(Viewer viewer, int count, CancellationToken cancellationToken)
    {
        var (popular, _) = await popularGenres.RankAsync(viewer, PopularGenres.DefaultDays, 1, count, cancellationToken);
        if (popular.Count > 0)
        {
            return popular.Select(g => new GenreChip(g.Name, g.Slug, g.TrackCount)).ToList();
        }
        var (topLevel, _) = await genres.ListAsync(null, topLevelOnly: true, 1, count, cancellationToken);
        return topLevel.Select(g => new GenreChip(g.Name, g.Slug, null)).ToList();
    }
}
