using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MusicSite.Catalog;
using MusicSite.Common;
using MusicSite.Community;
using MusicSite.Data;
using MusicSite.Notifications;
using MusicSite.Tests.Artists;

namespace MusicSite.Tests.Community;

/// <summary>Follows (Core): only artists, never yourself, idempotent, one NewFollower notification per follower and
/// day, and exact FollowerCount under 50 concurrent toggles.</summary>
public sealed class FollowsTests(ReferenceDataFixture core) : IClassFixture<ReferenceDataFixture>
{
    private async Task<ServiceResult<FollowState>> SetAsync(int artistId, int userId, bool follow)
    {
        await using var scope = core.Scope();
        return await scope.ServiceProvider.GetRequiredService<Follows>().SetAsync(artistId, new Viewer(userId, false), follow, CancellationToken.None);
    }

    private async Task<int> ArtistAsync()
    {
        var artist = await ArtistRows.UserAsync(core.Services, "Followed " + ArtistRows.Token());
        await ArtistRows.TrackAsync(core.Services, artist, "Published " + ArtistRows.Token());
        return artist;
    }

    private async Task<T> DbAsync<T>(Func<MusicSiteDbContext, Task<T>> read)
    {
        await using var scope = core.Scope();
        return await read(scope.ServiceProvider.GetRequiredService<MusicSiteDbContext>());
    }

    private Task<(int Counter, int Rows)> CountsAsync(int artistId) => DbAsync(async db =>
        (await db.Users.AsNoTracking().Where(u => u.Id == artistId).Select(u => u.FollowerCount).SingleAsync(),
            await db.ArtistFollows.CountAsync(f => f.ArtistId == artistId)));

    private Task<int> NewFollowerNotificationsAsync(int artistId) =>
        DbAsync(db => db.Notifications.CountAsync(n => n.UserId == artistId && n.Kind == NotificationKind.NewFollower));

    [Fact]
    public async Task Follow_Artist_CountsAndTellsTheArtistOnce()
    {
        var artist = await ArtistAsync();
        var fan = await ArtistRows.UserAsync(core.Services, "Fan Name");

        var first = await SetAsync(artist, fan, true);
        var again = await SetAsync(artist, fan, true);

        Assert.Equal(new FollowState(artist, true, 1), first.Value);
        Assert.Equal(new FollowState(artist, true, 1), again.Value);
        Assert.Equal((1, 1), await CountsAsync(artist));
        var told = await DbAsync(db => db.Notifications.SingleAsync(n => n.UserId == artist));
        Assert.Equal(NotificationKind.NewFollower, told.Kind);
        Assert.Equal(fan, told.ActorId);
        Assert.Equal("Fan Name started following you.", told.Text);
        Assert.Equal(NotificationMailState.Pending, told.MailState);
    }

    [Fact]
    public async Task Refollow_WithinADay_DoesNotTellAgain_AfterADay_Does()
    {
        var artist = await ArtistAsync();
        var fan = await ArtistRows.UserAsync(core.Services, "Fickle");

        await SetAsync(artist, fan, true);
        await SetAsync(artist, fan, false);
        await SetAsync(artist, fan, true);
        Assert.Equal(1, await NewFollowerNotificationsAsync(artist));

        await DbAsync(db => db.Notifications.Where(n => n.UserId == artist)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.CreatedAt, DateTime.UtcNow - Follows.RenotifyAfter - TimeSpan.FromMinutes(1))));
        await SetAsync(artist, fan, false);
        await SetAsync(artist, fan, true);
        Assert.Equal(2, await NewFollowerNotificationsAsync(artist));
    }

    [Fact]
    public async Task Follow_Yourself_IsAFieldError()
    {
        var artist = await ArtistAsync();

        var result = await SetAsync(artist, artist, true);

        Assert.Equal(ErrorCodes.ValidationFailed, result.Code);
        Assert.NotEmpty(result.Errors.For("artistId"));
        Assert.Equal((0, 0), await CountsAsync(artist));
    }

    [Fact]
    public async Task Follow_AccountThatPublishesNothing_IsArtistNotFound()
    {
        var listener = await ArtistRows.UserAsync(core.Services, "Only listens");
        var fan = await ArtistRows.UserAsync(core.Services, "Fan");

        Assert.Equal(ErrorCodes.ArtistNotFound, (await SetAsync(listener, fan, true)).Code);
        Assert.Equal(ErrorCodes.ArtistNotFound, (await SetAsync(int.MaxValue, fan, true)).Code);
    }

    [Fact]
    public async Task Unfollow_AfterTheArtistStoppedPublishing_StillWorks()
    {
        var artist = await ArtistRows.UserAsync(core.Services, "Retiring");
        var track = await ArtistRows.TrackAsync(core.Services, artist, "Only one");
        var fan = await ArtistRows.UserAsync(core.Services, "Fan");
        await SetAsync(artist, fan, true);
        await DbAsync(db => db.Tracks.Where(t => t.Id == track).ExecuteUpdateAsync(s => s.SetProperty(t => t.IsPublic, false)));

        var result = await SetAsync(artist, fan, false);

        Assert.Equal(new FollowState(artist, false, 0), result.Value);
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task Follow_FiftyConcurrentTogglesByDifferentUsers_CountEqualsRowsAndFinalState()
    {
        var artist = await ArtistAsync();
        var fans = new List<int>();
        for (var i = 0; i < 50; i++)
        {
            fans.Add(await ArtistRows.UserAsync(core.Services, $"Fan {i}"));
        }

        await Task.WhenAll(fans.Select((fan, index) => Task.Run(async () =>
        {
            await SetAsync(artist, fan, true);
            await SetAsync(artist, fan, false);
            if (index % 2 == 0)
            {
                await SetAsync(artist, fan, true);
            }
        })));

        var expected = fans.Where((_, index) => index % 2 == 0).ToHashSet();
        var followers = (await DbAsync(db => db.ArtistFollows.Where(f => f.ArtistId == artist).Select(f => f.FollowerId).ToListAsync())).ToHashSet();
        Assert.Equal(expected, followers);
        Assert.Equal((expected.Count, expected.Count), await CountsAsync(artist));
        Assert.Equal(50, await NewFollowerNotificationsAsync(artist)); // one per follower, none for the quick refollows
    }

    [Fact]
    public async Task Follow_FiftyConcurrentBySameUser_LeavesOneFollowAndOneNotification()
    {
        var artist = await ArtistAsync();
        var fan = await ArtistRows.UserAsync(core.Services, "Eager");

        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => SetAsync(artist, fan, true))));

        Assert.All(results, r => Assert.True(r.Value!.Following));
        Assert.Equal((1, 1), await CountsAsync(artist));
        Assert.Equal(1, await NewFollowerNotificationsAsync(artist));

        await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => SetAsync(artist, fan, false))));
        Assert.Equal((0, 0), await CountsAsync(artist));
    }
}
