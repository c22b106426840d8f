using Microsoft.EntityFrameworkCore;
using MusicSite.Catalog;
using MusicSite.Common;
using MusicSite.Data;

namespace MusicSite.Community;

public enum FeedItemType
{
    Track,
    Album,
}

/// <summary>One entry of the feed: a new track or a new album (exactly one of them set), and its date.</summary>
public sealed record FeedItem(FeedItemType Type, DateTime At, TrackSummary? Track, AlbumSummary? Album);

/// <summary>
/// The feed: new tracks and albums of the artists a user follows, newest first. A track shows when anyone may
/// see it (public, ready, not deleted), dated by its upload; an album shows once it is published, that is once it
/// holds such a track (the rule lists and genre counts use), dated by its creation.
/// </summary>
public sealed class Feed(MusicSiteDbContext db, TrackCatalog catalog)
{
    public async Task<(IReadOnlyList<FeedItem> Items, int Total)> PageAsync(int userId, int page, int limit, CancellationToken cancellationToken)
    {
        var followed = db.ArtistFollows.Where(f => f.FollowerId == userId).Select(f => f.ArtistId);
        var published = catalog.Visible(Viewer.Anonymous).Where(t => t.State == TrackState.Ready);
        var tracks = published.Where(t => followed.Contains(t.UploaderId));
        var albums = db.Albums.Where(a => followed.Contains(a.OwnerId) && published.Any(t => t.AlbumId == a.Id));
        var total = await tracks.CountAsync(cancellationToken) + await albums.CountAsync(cancellationToken);
        var keys = await tracks.Select(t => new { IsAlbum = false, t.Id, At = t.CreatedAt })
            .Concat(albums.Select(a => new { IsAlbum = true, a.Id, At = a.CreatedAt }))
            .OrderByDescending(k => k.At).ThenBy(k => k.IsAlbum).ThenByDescending(k => k.Id)
            .Skip(Paging.Offset(page, limit)).Take(limit)
            .ToListAsync(cancellationToken);

        var trackIds = keys.Where(k => !k.IsAlbum).Select(k => k.Id).ToList();
        var albumIds = keys.Where(k => k.IsAlbum).Select(k => k.Id).ToList();
        var trackRows = await TrackCatalog.Summaries(db.Tracks.Where(t => trackIds.Contains(t.Id))).ToDictionaryAsync(t => t.Id, cancellationToken);
        var albumRows = await db.Albums.AsNoTracking().Where(a => albumIds.Contains(a.Id))
            .Select(a => new AlbumSummary(a.Id, a.Title, a.ArtistName, a.ReleaseDate, published.Count(t => t.AlbumId == a.Id), a.UpdatedAt,
                new UploaderRef(a.OwnerId, a.Owner!.DisplayName, a.Owner.ArtistSlug, a.Owner.FollowerCount)))
            .ToDictionaryAsync(a => a.Id, cancellationToken);
        return (keys.Select(k => k.IsAlbum
            ? new FeedItem(FeedItemType.Album, k.At, null, albumRows[k.Id])
            : new FeedItem(FeedItemType.Track, k.At, trackRows[k.Id], null)).ToList(), total);
    }
}
