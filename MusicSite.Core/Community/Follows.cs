using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using MusicSite.Artists;
using MusicSite.Catalog;
using MusicSite.Common;
using MusicSite.Data;
using MusicSite.Notifications;

namespace MusicSite.Community;

/// <summary>Whether the caller follows an artist, and the artist's followers (AspNetUsers.FollowerCount, kept by triggers).</summary>
public sealed record FollowState(int ArtistId, bool Following, int Followers);

/// <summary>An artist someone follows, as a list shows them.</summary>
public sealed record FollowedArtist(int Id, string DisplayName, string? Slug, int Followers, DateTime FollowedAt);

/// <summary>
/// The one owner of follows: follow and unfollow an artist (an account that publishes, <see cref="ArtistDirectory"/>),
/// the caller's state, and whom a user follows. A new follow tells the artist (NewFollower) in the same save,
/// but not again when the same follower came back within <see cref="RenotifyAfter"/> (decision 0034).
/// </summary>
public sealed class Follows(MusicSiteDbContext db, ArtistDirectory artists, Notifier notifier, TimeProvider clock)
{
    public static readonly TimeSpan RenotifyAfter = TimeSpan.FromDays(1);

    /// <summary>Follows (<paramref name="follow"/> true) or unfollows; idempotent. ARTIST_NOT_FOUND for an account
    /// that is not an artist; a field error for following yourself.</summary>
    public async Task<ServiceResult<FollowState>> SetAsync(int artistId, Viewer viewer, bool follow, CancellationToken cancellationToken)
    {
        if (viewer.UserId is not { } followerId)
        {
            throw new InvalidOperationException("Only a signed-in listener follows an artist.");
        }
        if (follow && artistId == followerId)
        {
            return ServiceResult<FollowState>.Invalid("artistId", "You cannot follow yourself.");
        }
        var existing = db.ArtistFollows.Where(f => f.FollowerId == followerId && f.ArtistId == artistId);
        // Unfollowing stays possible after the artist stopped publishing.
        if (!await artists.IsArtistAsync(artistId, cancellationToken) && !(!follow && await existing.AnyAsync(cancellationToken)))
        {
            return ServiceResult<FollowState>.Invalid(new FieldErrors(), ErrorCodes.ArtistNotFound);
        }
        if (follow)
        {
            if (!await existing.AnyAsync(cancellationToken))
            {
                await AddAsync(followerId, artistId, cancellationToken);
            }
        }
        else
        {
            await existing.ExecuteDeleteAsync(cancellationToken);
        }
        return ServiceResult<FollowState>.Ok(await StateAsync(artistId, followerId, cancellationToken));
    }

    /// <summary>Whether <paramref name="userId"/> (null: anonymous) follows the artist, and its follower count.</summary>
    public async Task<FollowState> StateAsync(int artistId, int? userId, CancellationToken cancellationToken)
    {
        var followerId = userId ?? 0; // ids start at 1
        var row = await db.Users.AsNoTracking().Where(u => u.Id == artistId)
            .Select(u => new { u.FollowerCount, Following = db.ArtistFollows.Any(f => f.FollowerId == followerId && f.ArtistId == artistId) })
            .FirstOrDefaultAsync(cancellationToken);
        return new FollowState(artistId, row?.Following ?? false, row?.FollowerCount ?? 0);
    }

    /// <summary>The display name of an account (what a follow button is labelled with).</summary>
    public async Task<string> NameOfAsync(int artistId, CancellationToken cancellationToken) =>
        await db.Users.AsNoTracking().Where(u => u.Id == artistId).Select(u => u.DisplayName).FirstOrDefaultAsync(cancellationToken) ?? "";

    /// <summary>The artists <paramref name="userId"/> follows, newest follow first; only accounts that still publish.
    /// Shown to others only as <see cref="ActivityVisibility"/> allows.</summary>
    public async Task<(IReadOnlyList<FollowedArtist> Items, int Total)> FollowingAsync(int userId, int page, int limit,
        CancellationToken cancellationToken)
    {
        var artistIds = artists.ArtistIds();
        var follows = db.ArtistFollows.Where(f => f.FollowerId == userId && artistIds.Contains(f.ArtistId));
        var total = await follows.CountAsync(cancellationToken);
        var items = await follows.OrderByDescending(f => f.CreatedAt).ThenByDescending(f => f.ArtistId)
            .Skip(Paging.Offset(page, limit)).Take(limit)
            .Select(f => new FollowedArtist(f.ArtistId, f.Artist!.DisplayName, f.Artist.ArtistSlug, f.Artist.FollowerCount, f.CreatedAt))
            .ToListAsync(cancellationToken);
        return (items, total);
    }

    private async Task AddAsync(int followerId, int artistId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        db.ArtistFollows.Add(new ArtistFollow { FollowerId = followerId, ArtistId = artistId, CreatedAt = now });
        var since = now - RenotifyAfter;
        var toldLately = await db.Notifications.AnyAsync(n => n.UserId == artistId && n.ActorId == followerId
            && n.Kind == NotificationKind.NewFollower && n.CreatedAt >= since, cancellationToken);
        if (!toldLately)
        {
            var follower = await db.Users.AsNoTracking().Where(u => u.Id == followerId).Select(u => new { u.DisplayName, u.ArtistSlug })
                .FirstAsync(cancellationToken);
            notifier.Add(artistId, NotificationKind.NewFollower, followerId, $"{follower.DisplayName} started following you.",
                follower.ArtistSlug is { } slug && await artists.IsArtistAsync(followerId, cancellationToken) ? $"/artists/{slug}" : null);
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is SqliteException { SqliteErrorCode: 19 })
        {
            // A concurrent follow by the same user won: the follow exists once, and its notification went with it.
            db.ChangeTracker.Clear();
        }
    }
}
