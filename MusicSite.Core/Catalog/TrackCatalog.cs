using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using MusicSite.Common;
using MusicSite.Data;
using MusicSite.Genres;

namespace MusicSite.Catalog;

/// <summary>A track as lists show it.</summary>
public sealed record TrackSummary(int Id, string Title, string ArtistName, string? AlbumTitle, int? AlbumId,
    double? DurationSeconds, string LicenseName, IReadOnlyList<string> Genres, DateTime CreatedAt,
    int? Bpm = null, string? Key = null, int Plays = 0, UploaderRef? Uploader = null)
{
    /// <summary>The track's last change: it versions the cover's address.</summary>
    public DateTime UpdatedAt { get; init; }

    /// <summary>Its hearts (Tracks.LikeCount), for the heart beside it in lists; the API gives them in <c>stats</c>.</summary>
    [JsonIgnore]
    public int LikeCount { get; init; }

    /// <summary>Counts, set by the API (<see cref="TrackStatistics"/>, one grouped query per page).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public TrackStats? Stats { get; init; }

    /// <summary>Addresses of the track's page and media, set by the API.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public TrackLinks? Urls { get; init; }
}

/// <summary>A related track with its score: same artist 3, each shared genre 2, each shared tag 1.</summary>
public sealed record RelatedTrack(TrackSummary Track, int Score);

/// <summary>A track as its uploader sees it in "My uploads": with its processing state.</summary>
public sealed record UploadSummary(int Id, string Title, string ArtistName, bool IsPublic, double? DurationSeconds,
    TrackState State, int Progress, string? Step, string? Error, DateTime CreatedAt, int Plays = 0, bool HasArtwork = false,
    DateTime UpdatedAt = default);

/// <summary>An album as lists show it; <see cref="UpdatedAt"/> versions its cover.</summary>
public sealed record AlbumSummary(int Id, string Title, string ArtistName, DateOnly? ReleaseDate, int TrackCount, DateTime UpdatedAt, UploaderRef? Owner = null);

public sealed class TrackCatalog(MusicSiteDbContext db)
{
    /// <summary>Tracks a viewer may see: not deleted, and public unless theirs (or they are an admin). A valid
    /// share link adds the one private track it was made for.</summary>
    internal IQueryable<Track> Visible(Viewer viewer, int? sharedTrackId = null) =>
        db.Tracks.Where(t => t.DeletedAt == null).Where(MaySee(viewer, sharedTrackId ?? 0)); // ids start at 1: 0 shares nothing

    /// <summary>Listed tracks: not deleted, public and ready, stated term for term as the list indexes' WHERE
    /// (<see cref="ListedTrackIndexes.Filter"/>), so that SQLite reads a page from one of them.</summary>
    internal IQueryable<Track> Listed() => db.Tracks.Where(t => t.DeletedAt == null && t.IsPublic && t.State == TrackState.Ready);

    /// <summary>The ready tracks a list shows this viewer. Anonymous viewers, and signed-in ones with no ready track
    /// of their own that is private, see exactly the listed tracks: that shape uses the list indexes. Admins, and
    /// uploaders with private tracks, take the general "public or mine" shape, which the indexes cannot serve.</summary>
    internal async Task<IQueryable<Track>> ListedForAsync(Viewer viewer, CancellationToken cancellationToken) =>
        ListedFor(viewer, await SeesListedOnlyAsync(viewer, cancellationToken));

    /// <summary><see cref="ListedForAsync"/> with <see cref="SeesListedOnlyAsync"/>'s answer already known.</summary>
    internal IQueryable<Track> ListedFor(Viewer viewer, bool seesListedOnly) =>
        seesListedOnly ? Listed() : Visible(viewer).Where(t => t.State == TrackState.Ready);

    /// <summary>True when the ready tracks this viewer may see are exactly the listed ones (the rule of
    /// <see cref="ListedForAsync"/>): then what is counted or ranked for everyone holds for them too.</summary>
    internal async Task<bool> SeesListedOnlyAsync(Viewer viewer, CancellationToken cancellationToken) =>
        !viewer.IsAdmin && (viewer.UserId is not { } userId || !await db.Tracks.AnyAsync(
            t => t.UploaderId == userId && t.DeletedAt == null && !t.IsPublic && t.State == TrackState.Ready, cancellationToken));

    /// <summary>True for a deleted track this viewer could see before: it answers "gone", not "not found". A deleted
    /// private track stays "not found" to others, so that its past existence is not revealed either.</summary>
    public Task<bool> WasDeletedAsync(int id, Viewer viewer, CancellationToken cancellationToken) =>
        DeletedButKnown(viewer).Where(t => t.Id == id).AnyAsync(cancellationToken);

    /// <summary>Deleted tracks the viewer could see before they were deleted: "removed" to them, where any other
    /// deleted or invisible track is only "private" (or unknown).</summary>
    internal IQueryable<Track> DeletedButKnown(Viewer viewer) =>
        db.Tracks.Where(t => t.DeletedAt != null).Where(MaySee(viewer, 0));

    private static System.Linq.Expressions.Expression<Func<Track, bool>> MaySee(Viewer viewer, int sharedTrackId) =>
        t => viewer.IsAdmin || t.IsPublic || (viewer.UserId != null && t.UploaderId == viewer.UserId) || t.Id == sharedTrackId;

    public async Task<IReadOnlyList<TrackSummary>> LatestAsync(Viewer viewer, int count, CancellationToken cancellationToken) =>
        await SummariesAsync(await (await ListedForAsync(viewer, cancellationToken))
            .OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id).Take(count).Select(t => t.Id)
            .ToListAsync(cancellationToken), cancellationToken);

    /// <summary>Tracks like this one: the same artist counts 3, each shared genre 2, each shared tag 1;
    /// ties go to the more played.</summary>
    public async Task<IReadOnlyList<TrackSummary>> RelatedAsync(int trackId, Viewer viewer, int count, CancellationToken cancellationToken) =>
        (await RelatedWithScoresAsync(trackId, viewer, count, cancellationToken)).Select(r => r.Track).ToList();

    /// <summary>The same ranking as <see cref="RelatedAsync"/>, with each track's score.</summary>
    public async Task<IReadOnlyList<RelatedTrack>> RelatedWithScoresAsync(int trackId, Viewer viewer, int count, CancellationToken cancellationToken)
    {
        var source = await db.Tracks.AsNoTracking().Where(t => t.Id == trackId)
            .Select(t => new { t.ArtistName, Genres = t.Genres.Select(g => g.GenreId).ToList(), Tags = t.Tags.Select(x => x.Tag).ToList() })
            .FirstOrDefaultAsync(cancellationToken);
        if (source is null)
        {
            return [];
        }
        var (artist, genres, tags) = (source.ArtistName, source.Genres, source.Tags);
        var ids = await Visible(viewer)
            .Where(t => t.Id != trackId && t.State == TrackState.Ready
                        && (t.ArtistName == artist || t.Genres.Any(g => genres.Contains(g.GenreId)) || t.Tags.Any(x => tags.Contains(x.Tag))))
            .Select(t => new
            {
                t.Id,
                t.PlayCount,
                Score = (t.ArtistName == artist ? 3 : 0) + 2 * t.Genres.Count(g => genres.Contains(g.GenreId)) + t.Tags.Count(x => tags.Contains(x.Tag)),
            })
            .OrderByDescending(t => t.Score).ThenByDescending(t => t.PlayCount).ThenByDescending(t => t.Id)
            .Take(count).Select(t => new { t.Id, t.Score }).ToListAsync(cancellationToken);
        var summaries = await SummariesAsync(ids.Select(t => t.Id).ToList(), cancellationToken);
        return ids.Zip(summaries, (t, s) => new RelatedTrack(s, t.Score)).ToList();
    }

    /// <summary>The uploader's own tracks, newest first, one page of them and the total.</summary>
    public async Task<(IReadOnlyList<UploadSummary> Items, int Total)> UploadsOfAsync(int uploaderId, int page, int limit,
        CancellationToken cancellationToken)
    {
        var own = db.Tracks.Where(t => t.UploaderId == uploaderId && t.DeletedAt == null);
        var total = await own.CountAsync(cancellationToken);
        var items = await own.OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id)
            .Skip(Paging.Offset(page, limit)).Take(limit)
            .Select(t => new UploadSummary(t.Id, t.Title, t.ArtistName, t.IsPublic, t.DurationSeconds, t.State,
                t.ProcessingProgress, t.ProcessingStep, t.ProcessingError, t.CreatedAt, t.PlayCount, t.ArtworkPath != null, t.UpdatedAt))
            .ToListAsync(cancellationToken);
        return (items, total);
    }

    /// <summary>Genres and licenses for the upload form's choices.</summary>
    public async Task<(IReadOnlyList<License> Licenses, IReadOnlyList<GenreNode> Genres)> UploadChoicesAsync(
        GenreDirectory genres, CancellationToken cancellationToken) =>
        (await db.Licenses.AsNoTracking().OrderBy(l => l.Id).ToListAsync(cancellationToken), await genres.TreeAsync(cancellationToken));

    /// <summary>The summaries of exactly these tracks, in this order (a page's ids, read first from an index): the
    /// rows by key, then their genre names by key, two statements that read nothing but the page's rows.</summary>
    internal Task<IReadOnlyList<TrackSummary>> SummariesAsync(IReadOnlyList<int> ids, CancellationToken cancellationToken) =>
        SummariesAsync(db, ids, cancellationToken);

    internal static async Task<IReadOnlyList<TrackSummary>> SummariesAsync(MusicSiteDbContext db, IReadOnlyList<int> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return [];
        }
        var keys = ids.ToArray();
        var rows = await db.Tracks.AsNoTracking().Where(t => keys.Contains(t.Id))
            .Select(t => new TrackSummary(t.Id, t.Title, t.ArtistName,
                t.Album != null ? t.Album.Title : null, t.AlbumId, t.DurationSeconds, t.License!.Name,
                Array.Empty<string>(), t.CreatedAt, t.Bpm, t.Key, t.PlayCount,
                new UploaderRef(t.UploaderId, t.Uploader!.DisplayName, t.Uploader.ArtistSlug, t.Uploader.FollowerCount)) { UpdatedAt = t.UpdatedAt, LikeCount = t.LikeCount })
            .ToDictionaryAsync(t => t.Id, cancellationToken);
        var genres = (await db.TrackGenres.AsNoTracking().Where(g => keys.Contains(g.TrackId))
                .OrderBy(g => g.TrackId).ThenBy(g => g.GenreId)
                .Select(g => new { g.TrackId, g.Genre!.Name })
                .ToListAsync(cancellationToken))
            .ToLookup(g => g.TrackId, g => g.Name);
        return ids.Where(rows.ContainsKey).Select(id => rows[id] with { Genres = genres[id].ToList() }).ToList();
    }

    internal static IQueryable<TrackSummary> Summaries(IQueryable<Track> tracks) =>
        tracks.Select(t => new TrackSummary(t.Id, t.Title, t.ArtistName,
            t.Album != null ? t.Album.Title : null, t.AlbumId, t.DurationSeconds, t.License!.Name,
            t.Genres.Select(g => g.Genre!.Name).ToList(), t.CreatedAt, t.Bpm, t.Key, t.PlayCount,
            new UploaderRef(t.UploaderId, t.Uploader!.DisplayName, t.Uploader.ArtistSlug, t.Uploader.FollowerCount)) { UpdatedAt = t.UpdatedAt, LikeCount = t.LikeCount });
}
