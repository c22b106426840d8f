using Microsoft.EntityFrameworkCore;
using MusicSite.Admin;
using MusicSite.Attribution;
using MusicSite.Catalog;
using MusicSite.Common;
using MusicSite.Community;
using MusicSite.Data;
using MusicSite.Notifications;

namespace MusicSite.Moderation;

/// <summary>
/// An admin's moderation actions (decision 0039). Unpublishing is this class's own rule: the track (or every track
/// of the album) becomes private, the change log and the audit log say so, and the owner is told; the owner may
/// publish it again. Deletions go through the services that own them (<see cref="TrackEditor"/>,
/// <see cref="AlbumService"/>, <see cref="StemEditor"/>, <see cref="Comments"/>, <see cref="Ratings"/>), which audit
/// them and queue the removal of media files; this class adds closing the target's open reports.
/// </summary>
public sealed class ContentModeration(MusicSiteDbContext db, TrackEditor tracks, AlbumService albums, StemEditor stems,
    Comments comments, Ratings ratings, ReportDesk reports, Notifier notifier, AuditLog audit, TimeProvider clock)
{
    public async Task<ServiceResult<bool>> UnpublishTrackAsync(int trackId, Viewer admin, AuditActor actor, CancellationToken cancellationToken)
    {
        if (Refuse(admin) is { } refused)
        {
            return refused;
        }
        var track = await db.Tracks.FirstOrDefaultAsync(t => t.Id == trackId && t.DeletedAt == null, cancellationToken);
        if (track is null)
        {
            return ServiceResult<bool>.Invalid("track", "No track has this id.", ErrorCodes.TrackNotFound);
        }
        audit.Record(actor, "track.unpublish", TrackEditor.EntityType, track.Id, TrackEditor.AuditValues(track), new { IsPublic = false });
        MakePrivate(track, admin);
        if (track.IsPublic != db.Entry(track).Property(t => t.IsPublic).OriginalValue)
        {
            notifier.Add(track.UploaderId, NotificationKind.ContentModerated, admin.UserId,
                $"An admin made your track “{track.Title}” private. Read our rules before publishing it again.", $"/tracks/{track.Id}");
        }
        await reports.CloseAsync(ReportTarget.Track, track.Id, ReportOutcome.Unpublished, actor, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return ServiceResult<bool>.Ok(true);
    }

    /// <summary>Makes every track of the album private (an album has no visibility of its own: it shows what its
    /// tracks show).</summary>
    public async Task<ServiceResult<bool>> UnpublishAlbumAsync(int albumId, Viewer admin, AuditActor actor, CancellationToken cancellationToken)
    {
        if (Refuse(admin) is { } refused)
        {
            return refused;
        }
        var album = await db.Albums.Include(a => a.Tracks.Where(t => t.DeletedAt == null)).FirstOrDefaultAsync(a => a.Id == albumId, cancellationToken);
        if (album is null)
        {
            return ServiceResult<bool>.Invalid("album", "No album has this id.", ErrorCodes.AlbumNotFound);
        }
        var published = album.Tracks.Where(t => t.IsPublic).ToList();
        audit.Record(actor, "album.unpublish", "Album", album.Id,
            new { album.Title, album.OwnerId, PublicTracks = published.Select(t => t.Id).Order().ToList() }, new { PublicTracks = Array.Empty<int>() });
        foreach (var track in published)
        {
            MakePrivate(track, admin);
        }
        if (published.Count > 0)
        {
            notifier.Add(album.OwnerId, NotificationKind.ContentModerated, admin.UserId,
                $"An admin made the tracks of your album “{album.Title}” private. Read our rules before publishing them again.", $"/albums/{album.Id}");
        }
        await db.SaveChangesAsync(cancellationToken);
        return ServiceResult<bool>.Ok(true);
    }

    public async Task<ServiceResult<bool>> DeleteTrackAsync(int trackId, Viewer admin, AuditActor actor, CancellationToken cancellationToken)
    {
        if (Refuse(admin) is { } refused)
        {
            return refused;
        }
        var result = await tracks.DeleteAsync(trackId, admin, actor, cancellationToken);
        if (!result.Succeeded)
        {
            return ServiceResult<bool>.Invalid(result.Errors, result.Code!);
        }
        notifier.Add(result.Value!.UploaderId, NotificationKind.ContentModerated, admin.UserId,
            $"An admin removed your track “{result.Value.Title}”.", null);
        await CloseAsync(ReportTarget.Track, trackId, actor, cancellationToken);
        return ServiceResult<bool>.Ok(true);
    }

    public async Task<ServiceResult<bool>> DeleteAlbumAsync(int albumId, Viewer admin, AuditActor actor, CancellationToken cancellationToken) =>
        Refuse(admin) ?? Done(await albums.DeleteAsync(albumId, admin, actor, cancellationToken));

    public async Task<ServiceResult<bool>> DeleteStemAsync(int stemId, Viewer admin, AuditActor actor, CancellationToken cancellationToken) =>
        Refuse(admin) ?? Done(await stems.DeleteAsync(stemId, admin, actor, cancellationToken));

    public async Task<ServiceResult<bool>> DeleteRatingAsync(int ratingId, Viewer admin, AuditActor actor, CancellationToken cancellationToken) =>
        Refuse(admin) ?? await ratings.DeleteByIdAsync(ratingId, admin, actor, cancellationToken);

    public async Task<ServiceResult<bool>> DeleteCommentAsync(int commentId, Viewer admin, AuditActor actor, CancellationToken cancellationToken)
    {
        if (Refuse(admin) is { } refused)
        {
            return refused;
        }
        var result = await comments.DeleteAsync(commentId, admin, actor, cancellationToken);
        if (!result.Succeeded)
        {
            return ServiceResult<bool>.Invalid(result.Errors, result.Code!);
        }
        await CloseAsync(ReportTarget.Comment, commentId, actor, cancellationToken);
        return ServiceResult<bool>.Ok(true);
    }

    private async Task CloseAsync(ReportTarget target, int id, AuditActor actor, CancellationToken cancellationToken)
    {
        await reports.CloseAsync(target, id, ReportOutcome.Removed, actor, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }

    private void MakePrivate(Track track, Viewer admin)
    {
        if (!track.IsPublic)
        {
            return;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        track.IsPublic = false;
        track.UpdatedAt = now;
        db.TrackChanges.Add(new TrackChange { TrackId = track.Id, UserId = admin.UserId, Field = "isPublic", OldValue = "true", NewValue = "false", ChangedAt = now });
    }

    private static ServiceResult<bool> Done<T>(ServiceResult<T> result) =>
        result.Succeeded ? ServiceResult<bool>.Ok(true) : ServiceResult<bool>.Invalid(result.Errors, result.Code!);

    private static ServiceResult<bool>? Refuse(Viewer admin) => admin.IsAdmin
        ? null
        : ServiceResult<bool>.Invalid("user", "Only an admin can moderate content.", ErrorCodes.UnauthorizedAccess);
}
