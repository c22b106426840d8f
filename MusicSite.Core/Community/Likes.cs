using Microsoft.EntityFrameworkCore;
using MusicSite.Catalog;
using MusicSite.Common;
using MusicSite.Data;

namespace MusicSite.Community;

/// <summary>Whether the caller likes a track, and its number of likes (Tracks.LikeCount, kept by triggers).</summary>
public sealed record LikeState(int TrackId, bool Liked, int Likes);

/// <summary>A track in "My likes": when it was liked.</summary>
public sealed record LikedTrack(TrackSummary Track, DateTime LikedAt);

/// <summary>
/// The one owner of hearts: like and unlike a track the caller may see, whether they like it, and their likes.
/// A like is one row keyed (user, track); a second like is a no-op in SQL (ON CONFLICT DO NOTHING), so two
/// concurrent likes leave one row, and the trigger keeps the count in the same statement.
/// </summary>
public sealed class Likes(MusicSiteDbContext db, TrackCatalog catalog, TimeProvider clock)
{
    /// <summary>Likes (<paramref name="like"/> true) or unlikes the track; idempotent either way. Null when the
    /// track does not exist or the caller may not see it (the API's 404).</summary>
    public async Task<LikeState?> SetAsync(int trackId, Viewer viewer, bool like, CancellationToken cancellationToken)
    {
        if (viewer.UserId is not { } userId)
        {
            throw new InvalidOperationException("Only a signed-in listener likes a track.");
        }
        if (!await catalog.Visible(viewer).AnyAsync(t => t.Id == trackId, cancellationToken))
        {
            return null;
        }
        if (like)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            await db.Database.ExecuteSqlInterpolatedAsync(
                $"INSERT INTO TrackLikes (UserId, TrackId, CreatedAt) VALUES ({userId}, {trackId}, {now}) ON CONFLICT DO NOTHING",
                cancellationToken);
        }
        else
        {
            await db.TrackLikes.Where(l => l.UserId == userId && l.TrackId == trackId).ExecuteDeleteAsync(cancellationToken);
        }
        return await StateAsync(trackId, viewer, cancellationToken);
    }

    /// <summary>The caller's state for one track they may see, or null.</summary>
    public async Task<LikeState?> StateAsync(int trackId, Viewer viewer, CancellationToken cancellationToken)
    {
        var userId = viewer.UserId ?? 0; // ids start at 1: an anonymous caller likes nothing
        return await catalog.Visible(viewer).AsNoTracking().Where(t => t.Id == trackId)
            .Select(t => new LikeState(t.Id, db.TrackLikes.Any(l => l.UserId == userId && l.TrackId == t.Id), t.LikeCount))
            .FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>The title of a track the viewer may see (what its heart is labelled with), or null.</summary>
    public Task<string?> TitleAsync(int trackId, Viewer viewer, CancellationToken cancellationToken) =>
        catalog.Visible(viewer).Where(t => t.Id == trackId).Select(t => t.Title).FirstOrDefaultAsync(cancellationToken);

    /// <summary>Which of <paramref name="trackIds"/> the user likes: one query for a whole page.</summary>
    public async Task<IReadOnlySet<int>> LikedAmongAsync(int? userId, IReadOnlyCollection<int> trackIds, CancellationToken cancellationToken)
    {
        if (userId is not { } id || trackIds.Count == 0)
        {
            return new HashSet<int>();
        }
        var ids = trackIds.Distinct().ToList();
        return (await db.TrackLikes.Where(l => l.UserId == id && ids.Contains(l.TrackId)).Select(l => l.TrackId)
            .ToListAsync(cancellationToken)).ToHashSet();
    }

    /// <summary>The likes of <paramref name="userId"/>, newest first, as <paramref name="viewer"/> may see the tracks
    /// (the liker themselves for "My likes"; another viewer for a public list, which the caller checks with
    /// <see cref="ActivityVisibility"/>): only tracks that are still there and visible, ready to play.</summary>
    public async Task<(IReadOnlyList<LikedTrack> Items, int Total)> OfUserAsync(int userId, Viewer viewer, int page, int limit,
        CancellationToken cancellationToken)
    {
        var visible = catalog.Visible(viewer).Where(t => t.State == TrackState.Ready);
        var likes = db.TrackLikes.Where(l => l.UserId == userId && visible.Any(t => t.Id == l.TrackId));
        var total = await likes.CountAsync(cancellationToken);
        var rows = await likes.OrderByDescending(l => l.CreatedAt).ThenByDescending(l => l.TrackId)
            .Skip(Paging.Offset(page, limit)).Take(limit).Select(l => new { l.TrackId, l.CreatedAt })
            .ToListAsync(cancellationToken);
        var ids = rows.Select(r => r.TrackId).ToList();
        var summaries = await TrackCatalog.Summaries(db.Tracks.Where(t => ids.Contains(t.Id))).ToDictionaryAsync(t => t.Id, cancellationToken);
        return (rows.Select(r => new LikedTrack(summaries[r.TrackId], r.CreatedAt)).ToList(), total);
    }
}
