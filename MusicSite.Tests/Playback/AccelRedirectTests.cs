using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MusicSite.Catalog;
using MusicSite.Hosting;
using MusicSite.Tests.Infrastructure;
using MusicSite.Web.Hosting;

namespace MusicSite.Tests.Playback;

/// <summary>The site set up for nginx (Streaming:AccelRedirectPrefix = /_media/).</summary>
public sealed class AccelSite : MusicSiteFactory
{
    public AccelSite() => Settings["Streaming:AccelRedirectPrefix"] = "/_media/";
}

/// <summary>With the accel mode on, every media answer the site allows is an empty 200 naming the file for nginx, with
/// the file's Content-Type (and Content-Disposition for downloads); what it refuses is refused exactly as without it.</summary>
[Trait("Category", "Slow")]
public sealed class AccelRedirectTests(AccelSite site) : IClassFixture<AccelSite>
{
    private const string Accel = "X-Accel-Redirect";

    [Fact]
    public async Task Stream_PublicTrack_RedirectsToItsFileWithoutBody()
    {
        var id = await TestCatalog.AddReadyTrackAsync(site.Services, "Accel Tone", seconds: 2);
        var client = site.CreateClient();

        var response = await client.GetAsync($"/api/music/stream/{id}?quality=high");

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("/_media/" + await RelativePathAsync(id), Redirect(response));
        Assert.Equal("audio/mpeg", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        Assert.True(response.Headers.CacheControl is { Private: true, MaxAge.TotalSeconds: 3600 }, $"Cache-Control: {response.Headers.CacheControl}");
        // nginx takes the security headers over from this answer (docs/nginx.md).
        Assert.Equal(SecurityHeaders.MediaPolicy, response.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task Stream_RangeAndHead_AreLeftToNginx()
    {
        var id = await TestCatalog.AddReadyTrackAsync(site.Services, "Accel Range", seconds: 2);
        var client = site.CreateClient();
        var ranged = new HttpRequestMessage(HttpMethod.Get, $"/api/music/stream/{id}") { Headers = { Range = new RangeHeaderValue(100, 199) } };
        var unsatisfiable = new HttpRequestMessage(HttpMethod.Get, $"/api/music/stream/{id}") { Headers = { Range = new RangeHeaderValue(90_000_000, null) } };

        foreach (var response in new[]
                 {
                     await client.SendAsync(ranged), await client.SendAsync(unsatisfiable),
                     await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/api/music/stream/{id}")),
                 })
        {
            Assert.Equal(200, (int)response.StatusCode);
            Assert.Null(response.Content.Headers.ContentRange);
            Assert.Equal("/_media/" + await RelativePathAsync(id), Redirect(response));
            Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        }
    }

    [Fact]
    public async Task Stream_PrivateOrUnready_IsRefusedAsWithoutAccel_AndShareLinkPlays()
    {
        var ownerEmail = $"owner-{Guid.NewGuid():N}@example.com";
        var owner = await site.SignedInClientAsync(ownerEmail);
        var hidden = await TestCatalog.AddReadyTrackAsync(site.Services, "Accel Private", seconds: 2, isPublic: false, uploaderEmail: ownerEmail);
        var unready = await TestCatalog.AddReadyTrackAsync(site.Services, "Accel Unready", seconds: 2, uploaderEmail: ownerEmail);
        await site.WithDbAsync(db => db.Tracks.Where(t => t.Id == unready).ExecuteUpdateAsync(s => s.SetProperty(t => t.State, TrackState.Processing)));
        var anonymous = site.CreateClient();
        var stranger = await site.SignedInClientAsync($"stranger-{Guid.NewGuid():N}@example.com");

        var refused = new[]
        {
            await anonymous.GetAsync($"/api/music/stream/{hidden}"), await stranger.GetAsync($"/api/music/stream/{hidden}"),
            await anonymous.GetAsync($"/api/music/stream/{hidden}?token=not-a-real-token"),
        };
        foreach (var response in refused)
        {
            Assert.False(response.Headers.Contains(Accel));
            await response.ProblemAsync(404, "TRACK_NOT_FOUND");
        }
        var processing = await anonymous.GetAsync($"/api/music/stream/{unready}");
        Assert.False(processing.Headers.Contains(Accel));
        await processing.ProblemAsync(422, "TRACK_PROCESSING");

        Assert.Equal("/_media/" + await RelativePathAsync(hidden), Redirect(await owner.GetAsync($"/api/music/stream/{hidden}")));
        var link = await (await owner.PostAsJsonAsync($"/api/music/tracks/{hidden}/share-links", new { days = 1 })).JsonAsync();
        var shared = await anonymous.GetAsync($"/api/music/stream/{hidden}?token={link.GetProperty("token").GetString()}");
        Assert.Equal(200, (int)shared.StatusCode);
        Assert.Equal("/_media/" + await RelativePathAsync(hidden), Redirect(shared));
    }

    [Fact]
    public async Task Download_RedirectsToTheTaggedFile_WithItsName_AndCounts()
    {
        var ownerEmail = $"owner-{Guid.NewGuid():N}@example.com";
        var owner = await site.SignedInClientAsync(ownerEmail);
        var id = await TestCatalog.AddReadyTrackAsync(site.Services, "Accel Download", seconds: 2, uploaderEmail: ownerEmail);

        var response = await owner.GetAsync($"/api/music/download/{id}");

        Assert.Equal(200, (int)response.StatusCode);
        var uri = Redirect(response);
        Assert.StartsWith("/_media/tracks/", uri);
        Assert.Contains("/downloads/", uri);
        Assert.True(File.Exists(Path.Combine(MediaRoot(), uri["/_media/".Length..])), $"{uri} names no file in the media directory");
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("Test User - Accel Download.mp3", response.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Equal("audio/mpeg", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(1, await site.WithDbAsync(db => db.Tracks.Where(t => t.Id == id).Select(t => t.DownloadCount).SingleAsync()));
    }

    [Fact]
    public async Task StemStream_Redirects_AndAnUnknownStemIs404()
    {
        var id = await TestCatalog.AddReadyTrackAsync(site.Services, "Accel Stems", seconds: 2);
        var stem = await TestStems.AddAsync(site.Services, id, new StemSeed("Kick") { AudioSeconds = 1 });
        var anonymous = site.CreateClient();

        var response = await anonymous.GetAsync($"/api/stems/{stem}/stream");

        Assert.Equal(200, (int)response.StatusCode);
        var uri = Redirect(response);
        Assert.StartsWith("/_media/stems/", uri);
        Assert.True(File.Exists(Path.Combine(MediaRoot(), uri["/_media/".Length..])));
        Assert.Equal("audio/mpeg", response.Content.Headers.ContentType?.MediaType);
        var unknown = await anonymous.GetAsync("/api/stems/987654/stream");
        Assert.False(unknown.Headers.Contains(Accel));
        await unknown.ProblemAsync(404, "STEM_NOT_FOUND");
    }

    [Theory]
    [InlineData("media")]
    [InlineData("/media")]
    [InlineData("media/")]
    [InlineData("/me dia/")]
    [InlineData("/../")]
    public void Prefix_NotALocation_StopsTheStart(string prefix)
    {
        var error = Assert.Throws<InvalidOperationException>(() => new AccelRedirect(
            Options.Create(new StreamingOptions { AccelRedirectPrefix = prefix }), Options.Create(new MusicSiteOptions { DataDirectory = "/srv/data" })));
        Assert.Contains("Streaming:AccelRedirectPrefix", error.Message);
    }

    [Theory]
    [InlineData("/srv/data/media/tracks/0a1b/high.mp3", "/_media/tracks/0a1b/high.mp3")]
    [InlineData("/srv/data/media/stems/c3/downloads/1f-r2.flac", "/_media/stems/c3/downloads/1f-r2.flac")]
    [InlineData("/srv/data/media/tracks/a b/high.mp3", null)]
    [InlineData("/srv/data/media/tracks/a%2F/high.mp3", null)]
    [InlineData("/srv/data/media/tracks/x?y/high.mp3", null)]
    [InlineData("/srv/data/keys/key.xml", null)]
    [InlineData("/srv/data/mediaX/high.mp3", null)]
    public void UriFor_PlainPathsInsideMediaOnly(string path, string? expected)
    {
        var accel = new AccelRedirect(Options.Create(new StreamingOptions { AccelRedirectPrefix = "/_media/" }),
            Options.Create(new MusicSiteOptions { DataDirectory = "/srv/data" }));
        Assert.Equal(expected, accel.UriFor(path));
    }

    private static string Redirect(HttpResponseMessage response) =>
        Assert.Single(response.Headers.TryGetValues(Accel, out var values) ? values : []);

    private string MediaRoot() => new MusicSiteOptions { DataDirectory = site.DataDirectory }.Paths.Media;

    private Task<string> RelativePathAsync(int trackId) => site.WithDbAsync(db =>
        db.MediaFiles.Where(m => m.TrackId == trackId).Select(m => m.RelativePath).SingleAsync());
}
