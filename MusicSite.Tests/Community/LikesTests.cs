using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MusicSite.Catalog;
using MusicSite.Community;
using MusicSite.Data;
using MusicSite.Tests.Artists;

namespace MusicSite.Tests.Community;

/// <summary>Likes (Core): idempotent, only on tracks the caller may see, "my likes" newest first, and exact counts
/// under 50 concurrent toggles (the trigger keeps Tracks.LikeCount equal to the rows).</summary>
public sealed class LikesTests(ReferenceDataFixture core) : IClassFixture<ReferenceDataFixture>
{
    private async Task<LikeState?> SetAsync(int trackId, int userId, bool like)
    {
        await using var scope = core.Scope();
        return await scope.ServiceProvider.GetRequiredService<Likes>().SetAsync(trackId, new Viewer(userId, false), like, CancellationToken.None);
    }

    private async Task<(int Counter, HashSet<int> Likers)> CountsAsync(int trackId)
    {
        await using var scope = core.Scope();
        var db = scope.ServiceProvider.GetRequiredService<MusicSiteDbContext>();
        var counter = await db.Tracks.AsNoTracking().Where(t => t.Id == trackId).Select(t => t.LikeCount).SingleAsync();
        return (counter, (await db.TrackLikes.Where(l => l.TrackId == trackId).Select(l => l.UserId).ToListAsync()).ToHashSet());
    }

    private async Task<(int Artist, int Track)> TrackAsync(bool isPublic = true)
    {
        var artist = await ArtistRows.UserAsync(core.Services, "Liked " + ArtistRows.Token());
        return (artist, await ArtistRows.TrackAsync(core.Services, artist, "Heart " + ArtistRows.Token(), isPublic));
    }

    [Fact]
    public async Task Like_Twice_LeavesOneLike()
    {
        var (_, track) = await TrackAsync();
        var listener = await ArtistRows.UserAsync(core.Services, "Listener");

        await SetAsync(track, listener, true);
        var state = await SetAsync(track, listener, true);

        Assert.Equal(new LikeState(track, true, 1), state);
        var (counter, likers) = await CountsAsync(track);
        Assert.Equal(1, counter);
        Assert.Equal([listener], likers);
    }

    [Fact]
    public async Task Unlike_NotLiked_IsANoOp()
    {
        var (_, track) = await TrackAsync();
        var listener = await ArtistRows.UserAsync(core.Services, "Listener");

        Assert.Equal(new LikeState(track, false, 0), await SetAsync(track, listener, false));
    }

    [Fact]
    public async Task Like_SomeoneElsesPrivateTrack_IsNullAndWritesNothing()
    {
        var (artist, track) = await TrackAsync(isPublic: false);
        var listener = await ArtistRows.UserAsync(core.Services, "Listener");

        Assert.Null(await SetAsync(track, listener, true));
        Assert.Equal(0, (await CountsAsync(track)).Counter);
        Assert.Equal(new LikeState(track, true, 1), await SetAsync(track, artist, true)); // the owner sees it
    }

    [Fact]
    public async Task OfUser_NewestFirst_LeavesOutTracksNoLongerVisible()
    {
        var (artist, first) = await TrackAsync();
        var second = await ArtistRows.TrackAsync(core.Services, artist, "Second " + ArtistRows.Token());
        var hidden = await ArtistRows.TrackAsync(core.Services, artist, "Later private " + ArtistRows.Token());
        var listener = await ArtistRows.UserAsync(core.Services, "Listener");
        var minutesAgo = 30;
        foreach (var id in new[] { first, hidden, second })
        {
            await SetAsync(id, listener, true);
            await using var scope = core.Scope();
            var at = DateTime.UtcNow.AddMinutes(-(minutesAgo -= 10)); // liked in this order
            await scope.ServiceProvider.GetRequiredService<MusicSiteDbContext>().TrackLikes.Where(l => l.TrackId == id && l.UserId == listener)
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.CreatedAt, at));
        }
        await using (var scope = core.Scope())
        {
            await scope.ServiceProvider.GetRequiredService<MusicSiteDbContext>().Tracks.Where(t => t.Id == hidden)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.IsPublic, false));
        }

        await using var read = core.Scope();
        var (items, total) = await read.ServiceProvider.GetRequiredService<Likes>()
            .OfUserAsync(listener, new Viewer(listener, false), 1, 10, CancellationToken.None);

        Assert.Equal([second, first], items.Select(i => i.Track.Id));
        Assert.Equal(2, total);
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task Like_FiftyConcurrentTogglesByDifferentUsers_CountEqualsRowsAndFinalState()
    {
        var (_, track) = await TrackAsync();
        var users = new List<int>();
        for (var i = 0; i < 50; i++)
        {
            users.Add(await ArtistRows.UserAsync(core.Services, $"Fan {i}"));
        }

        // Each user likes, unlikes, and (odd ones) likes again; all 50 at once.
        await Task.WhenAll(users.Select((user, index) => Task.Run(async () =>
        {
            await SetAsync(track, user, true);
            await SetAsync(track, user, false);
            if (index % 2 == 1)
            {
                await SetAsync(track, user, true);
            }
        })));

        var (counter, likers) = await CountsAsync(track);
        var expected = users.Where((_, index) => index % 2 == 1).ToHashSet();
        Assert.Equal(expected, likers);
        Assert.Equal(expected.Count, counter);
    }

    [Fact]
    public async Task Like_FiftyConcurrentBySameUser_LeavesOneLikeThenNone()
    {
        var (_, track) = await TrackAsync();
        var listener = await ArtistRows.UserAsync(core.Services, "Eager");

        await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => SetAsync(track, listener, true))));
        Assert.Equal((1, 1), await CountsAsync(track) is var liked ? (liked.Counter, liked.Likers.Count) : default);

        await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => SetAsync(track, listener, false))));
        Assert.Equal((0, 0), await CountsAsync(track) is var unliked ? (unliked.Counter, unliked.Likers.Count) : default);
    }
}
