using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MusicSite.Catalog;
using MusicSite.Community;
using MusicSite.Data;
using MusicSite.Tests.Artists;

namespace MusicSite.Tests.Community;

/// <summary>The feed: new tracks and published albums of followed artists only, newest first, paged; nothing
/// private, unfinished or deleted.</summary>
public sealed class FeedTests(ReferenceDataFixture core) : IClassFixture<ReferenceDataFixture>
{
    [Fact]
    public async Task Page_FollowedArtists_NewestFirstOnlyPublishedThings()
    {
        var services = core.Services;
        var now = DateTime.UtcNow;
        var followed = await ArtistRows.UserAsync(services, "Followed");
        var other = await ArtistRows.UserAsync(services, "Not followed");
        var fan = await ArtistRows.UserAsync(services, "Fan");
        var oldTrack = await ArtistRows.TrackAsync(services, followed, "Old", createdAt: now.AddDays(-3));
        var album = await ArtistRows.AlbumAsync(services, followed, "The album");
        var albumTrack = await ArtistRows.TrackAsync(services, followed, "On the album", createdAt: now.AddDays(-2), albumId: album);
        var newTrack = await ArtistRows.TrackAsync(services, followed, "New", createdAt: now.AddHours(-1));
        var emptyAlbum = await ArtistRows.AlbumAsync(services, followed, "Nothing public yet");
        await ArtistRows.TrackAsync(services, followed, "Private", isPublic: false, createdAt: now);
        await ArtistRows.TrackAsync(services, followed, "Processing", state: TrackState.Processing, createdAt: now);
        await ArtistRows.TrackAsync(services, followed, "Deleted", deleted: true, createdAt: now);
        await ArtistRows.TrackAsync(services, followed, "Private on the empty album", isPublic: false, albumId: emptyAlbum);
        await ArtistRows.TrackAsync(services, other, "Someone else's", createdAt: now);
        await using (var scope = core.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MusicSiteDbContext>();
            await db.Albums.Where(a => a.Id == album).ExecuteUpdateAsync(s => s.SetProperty(a => a.CreatedAt, now.AddDays(-1)));
            db.ArtistFollows.Add(new ArtistFollow { FollowerId = fan, ArtistId = followed, CreatedAt = now });
            await db.SaveChangesAsync();
        }

        await using var read = core.Scope();
        var feed = read.ServiceProvider.GetRequiredService<Feed>();
        var (first, total) = await feed.PageAsync(fan, 1, 2, CancellationToken.None);
        var (second, _) = await feed.PageAsync(fan, 2, 2, CancellationToken.None);

        Assert.Equal(4, total);
        Assert.Equal([(FeedItemType.Track, newTrack), (FeedItemType.Album, album), (FeedItemType.Track, albumTrack), (FeedItemType.Track, oldTrack)],
            first.Concat(second).Select(i => (i.Type, i.Track?.Id ?? i.Album!.Id)));
        Assert.Equal(1, first[1].Album!.TrackCount);
    }

    [Fact]
    public async Task Page_FollowingNobody_IsEmpty()
    {
        var fan = await ArtistRows.UserAsync(core.Services, "Lonely");
        await using var scope = core.Scope();

        var (items, total) = await scope.ServiceProvider.GetRequiredService<Feed>().PageAsync(fan, 1, 20, CancellationToken.None);

        Assert.Empty(items);
        Assert.Equal(0, total);
    }
}
