using Microsoft.EntityFrameworkCore;
using MusicSite.Data;

namespace MusicSite.Catalog;

/// <summary>A track as lists show it.</summary>
public sealed record TrackSummary(int Id, string Title, string ArtistName, string? AlbumTitle, int? AlbumId,
    double? DurationSeconds, string LicenseName, IReadOnlyList<string> Genres, DateTime CreatedAt);

public sealed record AlbumSummary(int Id, string Title, string ArtistName, DateOnly? ReleaseDate, int TrackCount);

/// <summary>Who is asking: lists and lookups show public tracks, plus the viewer's own, plus all to admins.</summary>
public sealed record Viewer(int? UserId, bool IsAdmin)
{
    public static readonly Viewer Anonymous = new(null, false);
}

public sealed class TrackCatalog(MusicSiteDbContext db)
{
    /// <summary>Tracks a viewer may see: not deleted, and public unless theirs (or they are an admin).</summary>
    internal IQueryable<Track> Visible(Viewer viewer) =>
        db.Tracks.Where(t => t.DeletedAt == null
                             && (viewer.IsAdmin || t.IsPublic || (viewer.UserId != null && t.UploaderId == viewer.UserId)));

    public async Task<IReadOnlyList<TrackSummary>> LatestAsync(Viewer viewer, int count, CancellationToken cancellationToken) =>
        await Summaries(Visible(viewer).Where(t => t.State == TrackState.Ready)
            .OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id).Take(count))
            .ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<TrackSummary>> InGenreAsync(Viewer viewer, int genreId, int count,
        CancellationToken cancellationToken) =>
        await Summaries(Visible(viewer).Where(t => t.State == TrackState.Ready && t.Genres.Any(g => g.GenreId == genreId))
            .OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id).Take(count))
            .ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<AlbumSummary>> LatestAlbumsAsync(Viewer viewer, int count, CancellationToken cancellationToken) =>
        await db.Albums.OrderByDescending(a => a.ReleaseDate).ThenByDescending(a => a.Id).Take(count)
            .Select(a => new AlbumSummary(a.Id, a.Title, a.ArtistName, a.ReleaseDate,
                a.Tracks.Count(t => t.DeletedAt == null
                                    && (viewer.IsAdmin || t.IsPublic || (viewer.UserId != null && t.UploaderId == viewer.UserId)))))
            .ToListAsync(cancellationToken);

    /// <summary>Puts a track back to pending with a fresh attempt count, before it is queued again.</summary>
    public async Task<bool> ResetForProcessingAsync(int trackId, CancellationToken cancellationToken)
    {
        var track = await db.Tracks.FirstOrDefaultAsync(t => t.Id == trackId && t.DeletedAt == null, cancellationToken);
        if (track is null)
        {
            return false;
        }
        track.State = TrackState.Pending;
        track.ProcessingStep = "queued";
        track.ProcessingProgress = 0;
        track.ProcessingAttempts = 0;
        track.ProcessingError = null;
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    private static IQueryable<TrackSummary> Summaries(IQueryable<Track> tracks) =>
        tracks.Select(t => new TrackSummary(t.Id, t.Title, t.ArtistName,
            t.Album != null ? t.Album.Title : null, t.AlbumId, t.DurationSeconds, t.License!.Name,
            t.Genres.Select(g => g.Genre!.Name).ToList(), t.CreatedAt));
}
