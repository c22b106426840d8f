using System.Globalization;
using Microsoft.EntityFrameworkCore;
using MusicSite.Catalog;
using MusicSite.Community;
using MusicSite.Data;
using MusicSite.Notifications;

namespace MusicSite.Live;

/// <summary>
/// What each live stream re-reads when it wakes: a short "version" of what its viewer may see, or null when the viewer
/// may not see it (then the stream ends). A stream sends an event only when the version changed; the page then fetches
/// the part itself, through the same rules as the page. So a stream carries only numbers its viewer may know.
/// </summary>
public sealed class LiveViews(MusicSiteDbContext db, NotificationInbox inbox, Comments comments, TrackCatalog catalog)
{
    /// <summary>The user's unread notification count.</summary>
    public async Task<string> UnreadAsync(int userId, CancellationToken cancellationToken) =>
        (await inbox.UnreadCountAsync(userId, cancellationToken)).ToString(CultureInfo.InvariantCulture);

    /// <summary>The track's comments as the viewer may see them: how many, the newest id and the last edit; null when
    /// the viewer may not see the track's comments.</summary>
    public async Task<string?> CommentsAsync(int trackId, Viewer viewer, CancellationToken cancellationToken)
    {
        if (await comments.TargetAsync(trackId, viewer, cancellationToken) is null)
        {
            return null;
        }
        var mark = await db.TrackComments.AsNoTracking().Where(c => c.TrackId == trackId)
            .GroupBy(c => c.TrackId)
            .Select(g => new { Count = g.Count(), Newest = g.Max(c => c.Id), Edited = g.Max(c => c.EditedAt) })
            .FirstOrDefaultAsync(cancellationToken);
        return mark is null ? "0" : string.Create(CultureInfo.InvariantCulture, $"{mark.Count}-{mark.Newest}-{mark.Edited?.Ticks ?? 0}");
    }

    /// <summary>The track's processing state, step and percent; null when the viewer may not see the track.</summary>
    public Task<string?> ProgressAsync(int trackId, Viewer viewer, CancellationToken cancellationToken) =>
        catalog.Visible(viewer).AsNoTracking().Where(t => t.Id == trackId)
            .Select(t => t.State.ToString() + "-" + t.ProcessingStep + "-" + t.ProcessingProgress)
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>The states and percents of the user's own tracks that are not ready, and how many are ready.</summary>
    public async Task<string> UploadsAsync(int userId, CancellationToken cancellationToken)
    {
        var mine = db.Tracks.AsNoTracking().Where(t => t.UploaderId == userId && t.DeletedAt == null);
        var ready = await mine.CountAsync(t => t.State == TrackState.Ready, cancellationToken);
        var working = await mine.Where(t => t.State != TrackState.Ready).OrderBy(t => t.Id)
            .Select(t => t.Id + ":" + t.State.ToString() + ":" + t.ProcessingProgress).Take(50).ToListAsync(cancellationToken);
        return ready.ToString(CultureInfo.InvariantCulture) + "|" + string.Join(",", working);
    }
}
