using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MusicSite.Accounts;
using MusicSite.Catalog;
using MusicSite.Community;
using MusicSite.Data;
using MusicSite.Tests.Artists;

namespace MusicSite.Tests.Community;

/// <summary>The counters on Tracks (LikeCount, CommentCount) and AspNetUsers (FollowerCount) are kept by triggers,
/// whoever writes the rows: they follow inserts, deletes and the cascade of a comment's replies.</summary>
public sealed class CounterTriggerTests(ReferenceDataFixture core) : IClassFixture<ReferenceDataFixture>
{
    [Fact]
    public async Task Counters_FollowLikesCommentsAndFollows()
    {
        await using var scope = core.Scope();
        var db = scope.ServiceProvider.GetRequiredService<MusicSiteDbContext>();
        var now = DateTime.UtcNow;
        var users = Enumerable.Range(0, 3).Select(i => new AppUser
        {
            UserName = $"counter-{i}-{Guid.NewGuid():N}@example.com", DisplayName = $"Counter {i}", CreatedAt = now,
        }).ToList();
        db.Users.AddRange(users);
        var license = await db.Licenses.FirstAsync();
        var track = new Track { Title = "Counted", ArtistName = "Counter 0", LicenseId = license.Id, Uploader = users[0], CreatedAt = now, UpdatedAt = now };
        db.Tracks.Add(track);
        await db.SaveChangesAsync();

        db.TrackLikes.AddRange(users.Select(u => new TrackLike { UserId = u.Id, TrackId = track.Id, CreatedAt = now }));
        db.ArtistFollows.AddRange(users.Skip(1).Select(u => new ArtistFollow { FollowerId = u.Id, ArtistId = users[0].Id, CreatedAt = now }));
        var comment = new TrackComment { TrackId = track.Id, UserId = users[1].Id, Content = "Nice drop", TimestampSeconds = 12, CreatedAt = now };
        db.TrackComments.Add(comment);
        await db.SaveChangesAsync();
        db.TrackComments.AddRange(
            new TrackComment { TrackId = track.Id, UserId = users[0].Id, ParentId = comment.Id, Content = "Thanks", TimestampSeconds = 12, CreatedAt = now },
            new TrackComment { TrackId = track.Id, UserId = users[2].Id, ParentId = comment.Id, Content = "Agreed", TimestampSeconds = 12, CreatedAt = now },
            new TrackComment { TrackId = track.Id, UserId = users[2].Id, Content = "Intro", TimestampSeconds = 1, CreatedAt = now });
        await db.SaveChangesAsync();

        Assert.Equal((3, 4), await CountsAsync(db, track.Id));
        Assert.Equal(2, await FollowersAsync(db, users[0].Id));

        // Unlike, unfollow, and delete the first comment: its two replies go with it.
        await db.TrackLikes.Where(l => l.UserId == users[2].Id).ExecuteDeleteAsync();
        await db.ArtistFollows.Where(f => f.FollowerId == users[1].Id).ExecuteDeleteAsync();
        await db.TrackComments.Where(c => c.Id == comment.Id).ExecuteDeleteAsync();

        Assert.Equal((2, 1), await CountsAsync(db, track.Id));
        Assert.Equal(1, await FollowersAsync(db, users[0].Id));
        Assert.Equal(1, await db.TrackComments.CountAsync(c => c.TrackId == track.Id));
    }

    private static async Task<(int Likes, int Comments)> CountsAsync(MusicSiteDbContext db, int trackId)
    {
        var row = await db.Tracks.AsNoTracking().Where(t => t.Id == trackId).Select(t => new { t.LikeCount, t.CommentCount }).SingleAsync();
        return (row.LikeCount, row.CommentCount);
    }

    private static Task<int> FollowersAsync(MusicSiteDbContext db, int userId) =>
        db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.FollowerCount).SingleAsync();
}
