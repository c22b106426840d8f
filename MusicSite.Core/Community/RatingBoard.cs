using Microsoft.EntityFrameworkCore;
using MusicSite.Catalog;
using MusicSite.Common;
using MusicSite.Data;

namespace MusicSite.Community;

/// <summary>
/// The read side of ratings: a track's summary and its ratings newest first, the viewer's own rating of a track, and
/// "my ratings". A track's ratings are read only through a track the viewer may see (<see cref="TrackCatalog"/>), so
/// a private or deleted track's ratings are as unknown as the track. (<see cref="Ratings"/> writes them.)
/// </summary>
public sealed class RatingBoard(MusicSiteDbContext db, TrackCatalog catalog)
{
    /// <summary>The summary of a track the viewer may see, or null (unknown, deleted or someone else's private track).</summary>
    public async Task<RatingSummary?> SummaryAsync(int trackId, Viewer viewer, CancellationToken cancellationToken)
    {
        if (!await MaySeeAsync(trackId, viewer, cancellationToken))
        {
            return null;
        }
        var counts = await db.Ratings.AsNoTracking().Where(r => r.TrackId == trackId)
            .GroupBy(r => r.Score).Select(g => new { Score = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Score, g => g.Count, cancellationToken);
        return Summarise(counts);
    }

    /// <summary>The summary of the given counts per score: the average to one decimal, halves rounded up.</summary>
    public static RatingSummary Summarise(IReadOnlyDictionary<int, int> counts)
    {
        var buckets = Enumerable.Range(Rating.MinScore, Rating.MaxScore - Rating.MinScore + 1)
            .Select(score => new RatingBucket(score, counts.GetValueOrDefault(score))).ToList();
        var count = buckets.Sum(b => b.Count);
        double? average = count == 0
            ? null
            : Math.Round(buckets.Sum(b => (long)b.Score * b.Count) / (double)count, 1, MidpointRounding.AwayFromZero);
        return new RatingSummary(average, count, buckets);
    }

    /// <summary>One page of a track's ratings, newest change first; <paramref name="reviewsOnly"/> keeps those with
    /// text. Null when the viewer may not see the track.</summary>
    public async Task<RatingPage?> ListAsync(int trackId, Viewer viewer, bool reviewsOnly, int page, int limit,
        CancellationToken cancellationToken)
    {
        if (!await MaySeeAsync(trackId, viewer, cancellationToken))
        {
            return null;
        }
        var ratings = db.Ratings.AsNoTracking().Where(r => r.TrackId == trackId);
        if (reviewsOnly)
        {
            ratings = ratings.Where(r => r.Review != null);
        }
        var total = await ratings.CountAsync(cancellationToken);
        var items = await Views(ratings.OrderByDescending(r => r.UpdatedAt).ThenByDescending(r => r.Id)
            .Skip(Paging.Offset(page, limit)).Take(limit)).ToListAsync(cancellationToken);
        return new RatingPage(items, total);
    }

    /// <summary>The viewer's own rating of a track, or null (none, or signed out).</summary>
    public async Task<RatingView?> MineAsync(int trackId, Viewer viewer, CancellationToken cancellationToken) =>
        viewer.UserId is { } userId
            ? await Views(db.Ratings.AsNoTracking().Where(r => r.TrackId == trackId && r.UserId == userId)).FirstOrDefaultAsync(cancellationToken)
            : null;

    /// <summary>The viewer's own ratings of tracks they may still see, newest change first.</summary>
    public async Task<MyRatingPage> OfViewerAsync(Viewer viewer, int page, int limit, CancellationToken cancellationToken)
    {
        var userId = viewer.UserId ?? 0; // ids start at 1: a signed-out viewer has rated nothing
        var visible = catalog.Visible(viewer).Select(t => t.Id);
        var mine = db.Ratings.AsNoTracking().Where(r => r.UserId == userId && visible.Contains(r.TrackId));
        var total = await mine.CountAsync(cancellationToken);
        var items = await mine.OrderByDescending(r => r.UpdatedAt).ThenByDescending(r => r.Id)
            .Skip(Paging.Offset(page, limit)).Take(limit)
            .Select(r => new MyRatingView(r.Id, r.Score, r.Review, new RatedTrack(r.TrackId, r.Track!.Title, r.Track.ArtistName),
                r.CreatedAt, r.UpdatedAt))
            .ToListAsync(cancellationToken);
        return new MyRatingPage(items, total);
    }

    internal static IQueryable<RatingView> Views(IQueryable<Rating> ratings) =>
        ratings.Select(r => new RatingView(r.Id, r.TrackId, r.Score, r.Review, new RatingAuthor(r.UserId, r.User!.DisplayName),
            r.CreatedAt, r.UpdatedAt));

    private Task<bool> MaySeeAsync(int trackId, Viewer viewer, CancellationToken cancellationToken) =>
        catalog.Visible(viewer).AnyAsync(t => t.Id == trackId, cancellationToken);
}
