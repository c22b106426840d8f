using System.Globalization;
using Microsoft.EntityFrameworkCore;
using MusicSite.Attribution;
using MusicSite.Catalog;
using MusicSite.Data;

namespace MusicSite.Notifications;

/// <summary>
/// The notifications of the upload life cycle, in one place: the uploader hears when a track's or a stem's
/// processing ends (ready, or failed for good), and the artist's followers hear of a new release (a public track
/// ready for the first time, a new album). Each method adds to the caller's unit of work, so the notifications are
/// saved with the state they tell of.
/// </summary>
public sealed class ReleaseNotices(MusicSiteDbContext db, Notifier notifier)
{
    public static string TrackLink(int trackId) => "/tracks/" + trackId.ToString(CultureInfo.InvariantCulture);

    public static string StemLink(int stemId) => "/stems/" + stemId.ToString(CultureInfo.InvariantCulture);

    public static string AlbumLink(int albumId) => "/albums/" + albumId.ToString(CultureInfo.InvariantCulture);

    /// <summary>The track is ready: its uploader is told, and when it is public and ready for the first time
    /// (<paramref name="firstTime"/>: not a re-run), so is everyone who follows the uploader.</summary>
    public async Task TrackReadyAsync(Track track, bool firstTime, CancellationToken cancellationToken)
    {
        notifier.Add(track.UploaderId, NotificationKind.ProcessingFinished, null, $"“{track.Title}” is ready.", TrackLink(track.Id));
        if (firstTime && track.IsPublic)
        {
            await TellFollowersAsync(track.UploaderId, $"{track.ArtistName} released the track “{track.Title}”.", TrackLink(track.Id),
                cancellationToken);
        }
    }

    /// <summary>The track's processing failed for good (no retry is left).</summary>
    public void TrackFailed(Track track) =>
        notifier.Add(track.UploaderId, NotificationKind.ProcessingFailed, null, $"“{track.Title}” could not be processed.",
            TrackLink(track.Id));

    public void StemReady(Stem stem) =>
        notifier.Add(stem.UploaderId, NotificationKind.ProcessingFinished, null, $"The stem “{stem.Name}” is ready.", StemLink(stem.Id));

    public void StemFailed(Stem stem) =>
        notifier.Add(stem.UploaderId, NotificationKind.ProcessingFailed, null, $"The stem “{stem.Name}” could not be processed.",
            StemLink(stem.Id));

    /// <summary>A new album (saved, so it has its id): its owner's followers are told.</summary>
    public Task AlbumPublishedAsync(Album album, CancellationToken cancellationToken) =>
        TellFollowersAsync(album.OwnerId, $"{album.ArtistName} released the album “{album.Title}”.", AlbumLink(album.Id), cancellationToken);

    private async Task TellFollowersAsync(int artistId, string text, string link, CancellationToken cancellationToken)
    {
        var followers = await db.ArtistFollows.AsNoTracking().Where(f => f.ArtistId == artistId).Select(f => f.FollowerId)
            .ToListAsync(cancellationToken);
        foreach (var follower in followers)
        {
            notifier.Add(follower, NotificationKind.NewRelease, artistId, text, link);
        }
    }
}
