using Microsoft.EntityFrameworkCore;
using MusicSite.Catalog;
using MusicSite.Common;
using MusicSite.Data;

namespace MusicSite.Moderation;

/// <summary>Whose a listed item is.</summary>
public sealed record OwnerRef(int Id, string DisplayName);

public sealed record RecentTrack(int Id, string Title, string ArtistName, OwnerRef Owner, string State, bool IsPublic, DateTime CreatedAt);

public sealed record RecentAlbum(int Id, string Title, string ArtistName, OwnerRef Owner, int TrackCount, int PublicTrackCount, DateTime CreatedAt);

public sealed record RecentStem(int Id, string Name, int TrackId, string TrackTitle, OwnerRef Owner, string State, DateTime CreatedAt);

public sealed record RecentReview(int Id, int TrackId, string TrackTitle, OwnerRef Author, int Score, string Review, DateTime UpdatedAt);

public sealed record RecentComment(int Id, int TrackId, string TrackTitle, OwnerRef Author, string Content, DateTime CreatedAt);

/// <summary>What was added lately, newest first, for the admins' content page: every track, album and stem whatever
/// its visibility (deleted ones are gone), reviews (ratings with text) and comments.</summary>
public sealed class RecentContent(MusicSiteDbContext db)
{
    public Task<(IReadOnlyList<RecentTrack>, int)> TracksAsync(int page, int limit, CancellationToken cancellationToken) =>
        PageAsync(db.Tracks.AsNoTracking().Where(t => t.DeletedAt == null).OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id)
            .Select(t => new RecentTrack(t.Id, t.Title, t.ArtistName, new OwnerRef(t.UploaderId, t.Uploader!.DisplayName), t.State.ToString(),
                t.IsPublic, t.CreatedAt)), page, limit, cancellationToken);

    public Task<(IReadOnlyList<RecentAlbum>, int)> AlbumsAsync(int page, int limit, CancellationToken cancellationToken) =>
        PageAsync(db.Albums.AsNoTracking().OrderByDescending(a => a.CreatedAt).ThenByDescending(a => a.Id)
            .Select(a => new RecentAlbum(a.Id, a.Title, a.ArtistName, new OwnerRef(a.OwnerId, a.Owner!.DisplayName),
                a.Tracks.Count(t => t.DeletedAt == null), a.Tracks.Count(t => t.DeletedAt == null && t.IsPublic), a.CreatedAt)),
            page, limit, cancellationToken);

    public Task<(IReadOnlyList<RecentStem>, int)> StemsAsync(int page, int limit, CancellationToken cancellationToken) =>
        PageAsync(db.Stems.AsNoTracking().Where(s => s.DeletedAt == null && s.Track!.DeletedAt == null)
            .OrderByDescending(s => s.CreatedAt).ThenByDescending(s => s.Id)
            .Select(s => new RecentStem(s.Id, s.Name, s.TrackId, s.Track!.Title, new OwnerRef(s.UploaderId, s.Uploader!.DisplayName),
                s.State.ToString(), s.CreatedAt)), page, limit, cancellationToken);

    public Task<(IReadOnlyList<RecentReview>, int)> ReviewsAsync(int page, int limit, CancellationToken cancellationToken) =>
        PageAsync(db.Ratings.AsNoTracking().Where(r => r.Review != null && r.Track!.DeletedAt == null)
            .OrderByDescending(r => r.UpdatedAt).ThenByDescending(r => r.Id)
            .Select(r => new RecentReview(r.Id, r.TrackId, r.Track!.Title, new OwnerRef(r.UserId, r.User!.DisplayName), r.Score, r.Review!,
                r.UpdatedAt)), page, limit, cancellationToken);

    public Task<(IReadOnlyList<RecentComment>, int)> CommentsAsync(int page, int limit, CancellationToken cancellationToken) =>
        PageAsync(db.TrackComments.AsNoTracking().Where(c => c.Track!.DeletedAt == null)
            .OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id)
            .Select(c => new RecentComment(c.Id, c.TrackId, c.Track!.Title, new OwnerRef(c.UserId, c.User!.DisplayName), c.Content,
                c.CreatedAt)), page, limit, cancellationToken);

    /// <summary>What a moderation action's confirmation names: the item's title (or a comment's or review's text) and
    /// the page that shows it; null when there is no such item (deleted ones included).</summary>
    public async Task<(string Title, string Link)?> DescribeAsync(string kind, int id, CancellationToken cancellationToken)
    {
        var found = kind switch
        {
            "track" => await db.Tracks.Where(t => t.Id == id && t.DeletedAt == null)
                .Select(t => new { Title = "the track “" + t.Title + "” by " + t.ArtistName, Link = "/tracks/" + t.Id }).FirstOrDefaultAsync(cancellationToken),
            "album" => await db.Albums.Where(a => a.Id == id)
                .Select(a => new { Title = "the album “" + a.Title + "” by " + a.ArtistName, Link = "/albums/" + a.Id }).FirstOrDefaultAsync(cancellationToken),
            "stem" => await db.Stems.Where(s => s.Id == id && s.DeletedAt == null && s.Track!.DeletedAt == null)
                .Select(s => new { Title = "the stem “" + s.Name + "” of “" + s.Track!.Title + "”", Link = "/stems/" + s.Id }).FirstOrDefaultAsync(cancellationToken),
            "comment" => await db.TrackComments.Where(c => c.Id == id)
                .Select(c => new { Title = "the comment by " + c.User!.DisplayName + ": “" + c.Content + "”", Link = "/tracks/" + c.TrackId + "#comment-" + c.Id })
                .FirstOrDefaultAsync(cancellationToken),
            "rating" => await db.Ratings.Where(r => r.Id == id)
                .Select(r => new { Title = "the review by " + r.User!.DisplayName + ": “" + (r.Review ?? "") + "”", Link = "/tracks/" + r.TrackId + "#ratings" })
                .FirstOrDefaultAsync(cancellationToken),
            _ => null,
        };
        return found is null ? null : (found.Title, found.Link);
    }

    private static async Task<(IReadOnlyList<T>, int)> PageAsync<T>(IQueryable<T> items, int page, int limit, CancellationToken cancellationToken)
    {
        var total = await items.CountAsync(cancellationToken);
        return (await items.Skip(Paging.Offset(page, limit)).Take(limit).ToListAsync(cancellationToken), total);
    }
}
