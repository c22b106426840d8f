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

/// <summary>What the home page features: the newest releases, what is played this week, and genres to browse.</summary>
public sealed class Showcase(MusicSiteDbContext db, TrackCatalog catalog, GenreDirectory genres, PopularGenres popularGenres, TimeProvider clock)
{
    public static readonly TimeSpan Week = TimeSpan.FromDays(7);

    /// <summary>Albums with a playable track and singles, newest first. An album is as new as its newest track.</summary>
    public async Task<IReadOnlyList<Release>> NewReleasesAsync(Viewer viewer, int count, CancellationToken cancellationToken)
    {
        var playable = catalog.Visible(viewer).Where(t => t.State == TrackState.Ready);
        var albums = await db.Albums.AsNoTracking()
            .Select(a => new
            {
                a.Id, a.Title, a.ArtistName, a.OwnerId, Owner = a.Owner!.DisplayName, a.Owner.ArtistSlug, HasArtwork = a.ArtworkPath != null, a.UpdatedAt,
                Newest = playable.Where(t => t.AlbumId == a.Id).Max(t => (DateTime?)t.CreatedAt),
                Tracks = playable.Count(t => t.AlbumId == a.Id),
            })
            .Where(a => a.Newest != null).OrderByDescending(a => a.Newest).ThenByDescending(a => a.Id).Take(count)
            .ToListAsync(cancellationToken);
        var singles = await playable.Where(t => t.AlbumId == null).OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id).Take(count)
            .Select(t => new
            {
                t.Id, t.Title, t.ArtistName, t.UploaderId, Owner = t.Uploader!.DisplayName, t.Uploader.ArtistSlug,
                HasArtwork = t.ArtworkPath != null, t.CreatedAt, t.UpdatedAt,
            })
            .ToListAsync(cancellationToken);
        return albums.Select(a => new Release(ReleaseKind.Album, a.Id, a.Title, a.ArtistName, new UploaderRef(a.OwnerId, a.Owner, a.ArtistSlug),
                a.HasArtwork, a.Newest!.Value, a.Tracks, a.UpdatedAt))
            .Concat(singles.Select(t => new Release(ReleaseKind.Track, t.Id, t.Title, t.ArtistName, new UploaderRef(t.UploaderId, t.Owner, t.ArtistSlug),
                t.HasArtwork, t.CreatedAt, 1, t.UpdatedAt)))
            .OrderByDescending(r => r.PublishedAt).ThenBy(r => r.Kind).ThenByDescending(r => r.Id).Take(count).ToList();
    }

    /// <summary>The tracks counted most often in the last seven days (PlayEvents); on a site where nothing was
    /// played that week, the most played of all time; empty when nothing was ever played.</summary>
    public async Task<PopularTracks> PopularAsync(Viewer viewer, int count, CancellationToken cancellationToken)
    {
        var playable = catalog.Visible(viewer).Where(t => t.State == TrackState.Ready);
        var since = clock.GetUtcNow().UtcDateTime - Week;
        var weekly = await playable
            .Select(t => new { t.Id, Plays = db.PlayEvents.Count(p => p.TrackId == t.Id && p.PlayedAt >= since) })
            .Where(t => t.Plays > 0).OrderByDescending(t => t.Plays).ThenByDescending(t => t.Id).Take(count)
            .ToListAsync(cancellationToken);
        var thisWeek = weekly.Count > 0;
        var chart = thisWeek
            ? weekly.Select(t => (t.Id, t.Plays)).ToList()
            : (await playable.Where(t => t.PlayCount > 0).OrderByDescending(t => t.PlayCount).ThenByDescending(t => t.Id).Take(count)
                .Select(t => new { t.Id, t.PlayCount }).ToListAsync(cancellationToken)).Select(t => (t.Id, Plays: t.PlayCount)).ToList();
        var ids = chart.Select(c => c.Id).ToList();
        var summaries = await TrackCatalog.Summaries(db.Tracks.Where(t => ids.Contains(t.Id))).ToDictionaryAsync(t => t.Id, cancellationToken);
        return new PopularTracks(chart.Select(c => new ChartEntry(summaries[c.Id], c.Plays)).ToList(), thisWeek);
    }

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
