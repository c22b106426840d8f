using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MusicSite.Community;
using MusicSite.Jobs;
using MusicSite.Notifications;
using MusicSite.Tests.Infrastructure;
using MusicSite.Tests.Stems;

namespace MusicSite.Tests.Notifications;

/// <summary>Notifications from the upload life cycle, on real uploads processed by ffmpeg: the uploader hears when
/// processing ends, followers hear of a public track's first readiness and of a new album, never of a re-run or a
/// private track.</summary>
[Trait("Category", "Slow")]
public sealed class ProcessingNotificationTests(MusicSiteFactory site) : IClassFixture<MusicSiteFactory>, IDisposable
{
    private readonly TempDirectory _files = new("musicsite-notices");

    private sealed record Row(int UserId, NotificationKind Kind, int? ActorId, string Text, string? Link);

    private Task<List<Row>> NotificationsOfAsync(int userId) =>
        site.WithDbAsync(db => db.Notifications.Where(n => n.UserId == userId).OrderBy(n => n.Id)
            .Select(n => new Row(n.UserId, n.Kind, n.ActorId, n.Text, n.Link)).ToListAsync());

    private async Task<(HttpClient Client, int Id)> ArtistAsync()
    {
        var client = await site.ArtistClientAsync();
        var me = await (await client.GetAsync("/api/auth/me")).JsonAsync();
        return (client, me.GetProperty("id").GetInt32());
    }

    private async Task<int> FollowerOfAsync(int artistId)
    {
        var email = $"follower-{Guid.NewGuid():N}@example.com";
        Assert.Equal(201, (int)(await site.CreateClient().RegisterAsync(email)).StatusCode);
        var id = await site.UserIdAsync(email);
        await site.WithDbAsync(db =>
        {
            db.ArtistFollows.Add(new ArtistFollow { FollowerId = id, ArtistId = artistId, CreatedAt = DateTime.UtcNow });
            return db.SaveChangesAsync();
        });
        return id;
    }

    [Fact]
    public async Task PublicTrackReady_TellsTheUploaderAndFollowersOnce_NotAgainOnReprocess()
    {
        var (client, artist) = await ArtistAsync();
        var follower = await FollowerOfAsync(artist);

        var id = await client.ReadyTrackAsync(MediaFixtures.Tone(_files.Path, "wav", 2), ("title", "Morning Tide"), ("artist", "The Tides"));
        var finished = await Eventually.Until("the uploader's notification",
            () => NotificationsOfAsync(artist), rows => rows.Count >= 1);
        await using (var scope = site.Services.CreateAsyncScope())
        {
            Assert.True(await scope.ServiceProvider.GetRequiredService<TrackProcessingQueue>().ReprocessAsync(id, CancellationToken.None));
        }
        await Eventually.Until("the re-run to finish", () => NotificationsOfAsync(artist), rows => rows.Count >= 2);

        var ready = Assert.Single(finished);
        Assert.Equal((NotificationKind.ProcessingFinished, (int?)null, $"/tracks/{id}"), (ready.Kind, ready.ActorId, ready.Link));
        Assert.Contains("Morning Tide", ready.Text);
        var release = Assert.Single(await NotificationsOfAsync(follower));
        Assert.Equal((NotificationKind.NewRelease, (int?)artist, $"/tracks/{id}"), (release.Kind, release.ActorId, release.Link));
        Assert.Contains("The Tides", release.Text);
        Assert.Contains("Morning Tide", release.Text);
        Assert.All(await NotificationsOfAsync(artist), n => Assert.Equal(NotificationKind.ProcessingFinished, n.Kind));
    }

    [Fact]
    public async Task PrivateTrackReady_TellsOnlyTheUploader()
    {
        var (client, artist) = await ArtistAsync();
        var follower = await FollowerOfAsync(artist);

        var id = await client.ReadyTrackAsync(MediaFixtures.Tone(_files.Path, "wav", 2), ("title", "Secret Demo"), ("isPublic", "false"));

        var ready = Assert.Single(await Eventually.Until("the uploader's notification", () => NotificationsOfAsync(artist), r => r.Count >= 1));
        Assert.Equal((NotificationKind.ProcessingFinished, $"/tracks/{id}"), (ready.Kind, ready.Link));
        Assert.Empty(await NotificationsOfAsync(follower));
    }

    [Fact]
    public async Task StemReady_TellsItsUploader()
    {
        var (client, artist) = await ArtistAsync();
        var trackId = await client.ReadyTrackAsync(MediaFixtures.Tone(_files.Path, "wav", 2), ("title", "With Stems"));
        var stemId = (await client.UploadStemAsync(MediaFixtures.Tone(_files.Path, "wav", 2), trackId, await site.InstrumentIdAsync(), "Kick"))
            .GetProperty("id").GetInt32();

        await site.WaitForStemAsync(stemId);

        var rows = await Eventually.Until("the stem's notification", () => NotificationsOfAsync(artist), r => r.Count >= 2);
        var stem = Assert.Single(rows, r => r.Link == $"/stems/{stemId}");
        Assert.Equal(NotificationKind.ProcessingFinished, stem.Kind);
        Assert.Contains("Kick", stem.Text);
    }

    [Fact]
    public async Task NewAlbum_TellsFollowersWithItsLink()
    {
        var (client, artist) = await ArtistAsync();
        var follower = await FollowerOfAsync(artist);

        var response = await client.PostAsync("/api/music/albums", new MultipartFormDataContent
        {
            { new StringContent("Low Water"), "title" }, { new StringContent("The Tides"), "artistName" },
        });
        var albumId = (await response.JsonAsync()).GetProperty("id").GetInt32();

        var release = Assert.Single(await NotificationsOfAsync(follower));
        Assert.Equal((NotificationKind.NewRelease, (int?)artist, $"/albums/{albumId}"), (release.Kind, release.ActorId, release.Link));
        Assert.Contains("Low Water", release.Text);
        Assert.Empty(await NotificationsOfAsync(artist));
    }

    public void Dispose() => _files.Dispose();
}

/// <summary>Processing that fails for good tells the uploader, and no follower hears of a release.</summary>
[Trait("Category", "Slow")]
public sealed class ProcessingFailedNotificationTests : IDisposable
{
    private readonly TempDirectory _files = new("musicsite-notices-failed");

    [Fact]
    public async Task TrackFailsForGood_TellsTheUploaderOnceAndNoFollower()
    {
        using var site = new MusicSiteFactory();
        site.Settings["Media:FfmpegPath"] = "/nonexistent/ffmpeg";
        site.Settings["Processing:MaxAttempts"] = "2";
        site.Settings["Processing:RetryDelaySeconds"] = "1";
        var client = await site.ArtistClientAsync();
        var artist = (await (await client.GetAsync("/api/auth/me")).JsonAsync()).GetProperty("id").GetInt32();
        var followerEmail = $"follower-{Guid.NewGuid():N}@example.com";
        Assert.Equal(201, (int)(await site.CreateClient().RegisterAsync(followerEmail)).StatusCode);
        var follower = await site.UserIdAsync(followerEmail);
        await site.WithDbAsync(db =>
        {
            db.ArtistFollows.Add(new ArtistFollow { FollowerId = follower, ArtistId = artist, CreatedAt = DateTime.UtcNow });
            return db.SaveChangesAsync();
        });

        var id = (await client.UploadAsync(MediaFixtures.Audio(_files.Path, "flac", 2), ("title", "Broken Take"))).GetProperty("id").GetInt32();
        var track = await client.WaitForProcessingAsync(id, seconds: 60);

        Assert.Equal("failed", track.GetProperty("processing").GetProperty("state").GetString());
        var mine = await site.WithDbAsync(db => db.Notifications.Where(n => n.UserId == artist).ToListAsync());
        var failed = Assert.Single(mine);
        Assert.Equal((NotificationKind.ProcessingFailed, $"/tracks/{id}"), (failed.Kind, failed.Link));
        Assert.Contains("Broken Take", failed.Text);
        Assert.False(await site.WithDbAsync(db => db.Notifications.AnyAsync(n => n.UserId == follower)));
    }

    public void Dispose() => _files.Dispose();
}
