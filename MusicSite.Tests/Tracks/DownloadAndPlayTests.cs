using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Tracks;

[Trait("Category", "Slow")]
public sealed class DownloadAndPlayTests(MusicSiteFactory site) : IClassFixture<MusicSiteFactory>, IDisposable
{
    private readonly TempDirectory _files = new("musicsite-download");

    private async Task<(HttpClient Owner, int Id)> ReadyTrackAsync(string extension, params (string, string)[] fields)
    {
        var owner = await site.ArtistClientAsync();
        var id = (await owner.UploadAsync(MediaFixtures.Audio(_files.Path, extension, 3), fields)).GetProperty("id").GetInt32();
        Assert.Equal("ready", (await owner.WaitForProcessingAsync(id)).GetProperty("processing").GetProperty("state").GetString());
        return (owner, id);
    }

    [Fact]
    public async Task Mp3Download_CarriesTagsLicenseCreditsAndCover()
    {
        var owner = await site.ArtistClientAsync();
        var form = TrackUploads.Form(MediaFixtures.Audio(_files.Path, "wav", 3),
            [("title", "Café Ünïcode/Test"), ("artist", "Tag Writer"), ("genres", "deep-house"), ("license", "cc-by-sa"), ("isDownloadable", "true")],
            artworkPath: MediaFixtures.Image(_files.Path, "png", 500, 500));
        var created = await owner.PostAsync("/api/music/tracks", form);
        var id = (await created.JsonAsync()).GetProperty("id").GetInt32();
        await owner.WaitForProcessingAsync(id);

        var response = await site.CreateClient().GetAsync($"/api/music/download/{id}?format=mp3");

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("audio/mpeg", response.Content.Headers.ContentType?.MediaType);
        var disposition = response.Content.Headers.ContentDisposition!;
        Assert.Equal("attachment", disposition.DispositionType);
        Assert.Equal("Tag Writer - Café Ünïcode_Test.mp3", disposition.FileNameStar);
        var path = Path.Combine(_files.Path, "download.mp3");
        await File.WriteAllBytesAsync(path, await response.Content.ReadAsByteArrayAsync());
        var tags = MediaFixtures.Probe(path, "format_tags:stream=codec_type,codec_name:stream_disposition=attached_pic");
        Assert.Contains("TAG:title=Café Ünïcode/Test", tags);
        Assert.Contains("TAG:artist=Tag Writer", tags);
        Assert.Contains("TAG:genre=Deep House", tags);
        Assert.Contains("TAG:copyright=CC BY-SA (https://creativecommons.org/licenses/by-sa/4.0/)", tags);
        Assert.Contains("Licensed CC BY-SA", tags);
        Assert.Contains("DISPOSITION:attached_pic=1", tags);
        Assert.Contains("codec_name=mp3", tags);
    }

    [Fact]
    public async Task OriginalAndFlacDownloads_AreTaggedCopies_AndFlacOnlyForLosslessSources()
    {
        var (owner, flacId) = await ReadyTrackAsync("flac", ("title", "Lossless One"), ("license", "cc0"));
        var flac = Path.Combine(_files.Path, "one.flac");
        await File.WriteAllBytesAsync(flac, await owner.GetByteArrayAsync($"/api/music/download/{flacId}?format=flac"));
        Assert.Contains("TAG:LICENSE=CC0 (https://creativecommons.org/publicdomain/zero/1.0/)", MediaFixtures.Probe(flac, "format_tags"));

        var (oggOwner, oggId) = await ReadyTrackAsync("ogg", ("title", "Vorbis One"));
        var ogg = Path.Combine(_files.Path, "one.ogg");
        await File.WriteAllBytesAsync(ogg, await oggOwner.GetByteArrayAsync($"/api/music/download/{oggId}"));
        var oggTags = MediaFixtures.Probe(ogg, "stream_tags:stream=codec_name");
        Assert.Contains("codec_name=vorbis", oggTags);
        Assert.Contains("TAG:title=Vorbis One", oggTags);
        await (await oggOwner.GetAsync($"/api/music/download/{oggId}?format=flac")).ProblemAsync(422, "FORMAT_UNAVAILABLE");
        await (await oggOwner.GetAsync($"/api/music/download/{oggId}?format=wma")).ProblemAsync(400, "VALIDATION_FAILED");
    }

    [Fact]
    public async Task Download_NeedsTheArtistsPermission_ExceptForTheOwner_AndHidesPrivateTracks()
    {
        var (owner, id) = await ReadyTrackAsync("mp3", ("title", "Not For Download"));
        var (privateOwner, privateId) = await ReadyTrackAsync("mp3", ("isPublic", "false"), ("isDownloadable", "true"));

        await (await site.CreateClient().GetAsync($"/api/music/download/{id}")).ProblemAsync(403, "DOWNLOAD_NOT_ALLOWED");
        Assert.Equal(200, (int)(await owner.GetAsync($"/api/music/download/{id}")).StatusCode);
        await (await site.CreateClient().GetAsync($"/api/music/download/{privateId}")).ProblemAsync(404, "TRACK_NOT_FOUND");
        Assert.Equal(200, (int)(await privateOwner.GetAsync($"/api/music/download/{privateId}")).StatusCode);
    }

    [Fact]
    public async Task Downloads_AreCountedOnce_CachedPerVersion_AndRemadeAfterAnEdit()
    {
        var (_, id) = await ReadyTrackAsync("mp3", ("title", "Counted"), ("isDownloadable", "true"));
        var anonymous = site.CreateClient();

        await anonymous.GetByteArrayAsync($"/api/music/download/{id}?format=mp3");
        await anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/api/music/download/{id}?format=mp3"));
        var resumed = new HttpRequestMessage(HttpMethod.Get, $"/api/music/download/{id}?format=mp3");
        resumed.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(100, null);
        Assert.Equal(206, (int)(await anonymous.SendAsync(resumed)).StatusCode);
        await anonymous.GetByteArrayAsync($"/api/music/download/{id}?format=mp3");

        var folder = await site.WithDbAsync(db => db.Tracks.Where(t => t.Id == id).Select(t => t.MediaFolder).SingleAsync());
        var downloads = Path.Combine(site.DataDirectory, "media", "tracks", folder, "downloads");
        Assert.Single(Directory.GetFiles(downloads, "mp3-*"));
        // Two whole downloads by one listener in one half hour count once (see Finding7CountInflationTests).
        Assert.Equal(1, await site.WithDbAsync(db => db.Tracks.Where(t => t.Id == id).Select(t => t.DownloadCount).SingleAsync()));

        await site.WithDbAsync(async db =>
        {
            var track = await db.Tracks.SingleAsync(t => t.Id == id);
            track.Title = "Counted Renamed";
            track.UpdatedAt = DateTime.UtcNow;
            return await db.SaveChangesAsync();
        });
        var path = Path.Combine(_files.Path, "renamed.mp3");
        await File.WriteAllBytesAsync(path, await anonymous.GetByteArrayAsync($"/api/music/download/{id}?format=mp3"));

        Assert.Contains("TAG:title=Counted Renamed", MediaFixtures.Probe(path, "format_tags"));
        Assert.Single(Directory.GetFiles(downloads, "mp3-*"));
    }

    [Fact]
    public async Task Plays_CountAfterHalfAShortTrack_OncePerListenerAndHalfHour()
    {
        var (owner, id) = await ReadyTrackAsync("mp3", ("title", "Played")); // about 3 s long: a play counts after half of it
        var listener = await site.SignedInClientAsync($"listener-{Guid.NewGuid():N}@example.com");

        await (await listener.PostAsJsonAsync($"/api/music/tracks/{id}/plays", new { seconds = 1.2 })).ProblemAsync(400, "VALIDATION_FAILED");
        await (await listener.PostAsJsonAsync($"/api/music/tracks/{id}/plays", new { })).ProblemAsync(400, "VALIDATION_FAILED");
        var first = await (await listener.PostAsJsonAsync($"/api/music/tracks/{id}/plays", new { seconds = 1.8 })).JsonAsync();
        var again = await (await listener.PostAsJsonAsync($"/api/music/tracks/{id}/plays", new { seconds = 3 })).JsonAsync();
        var other = await (await owner.PostAsJsonAsync($"/api/music/tracks/{id}/plays", new { seconds = 2 })).JsonAsync();
        var anonymous = site.CreateClient();
        anonymous.DefaultRequestHeaders.UserAgent.ParseAdd("TestBrowser/1.0");
        var stranger = await (await anonymous.PostAsJsonAsync($"/api/music/tracks/{id}/plays", new { seconds = 30 })).JsonAsync();

        Assert.True(first.GetProperty("counted").GetBoolean());
        Assert.False(again.GetProperty("counted").GetBoolean());
        Assert.True(other.GetProperty("counted").GetBoolean());
        Assert.True(stranger.GetProperty("counted").GetBoolean());
        Assert.Equal(3, stranger.GetProperty("plays").GetInt32());
        await (await listener.PostAsJsonAsync("/api/music/tracks/999999/plays", new { seconds = 30 })).ProblemAsync(404, "TRACK_NOT_FOUND");

        var page = await site.CreateClient().GetStringAsync($"/tracks/{id}");
        var stats = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(page).QuerySelector("[data-testid=stats]")!.TextContent;
        Assert.Contains("3 plays", System.Text.RegularExpressions.Regex.Replace(stats, @"\s+", " "));
        Assert.Contains("3 today", System.Text.RegularExpressions.Regex.Replace(stats, @"\s+", " "));
    }

    [Theory]
    [InlineData(18, 8.9, 9)]   // a demo track: half of it
    [InlineData(26, 12.9, 13)]
    [InlineData(90, 29.9, 30)] // a long track: 30 s
    public async Task Plays_ThresholdIsMinOf30SecondsAndHalfTheTrack(double length, double tooShort, double enough)
    {
        var id = await TestCatalog.AddReadyTrackAsync(site.Services, $"Threshold {length}", seconds: length);
        var listener = await site.SignedInClientAsync($"listener-{Guid.NewGuid():N}@example.com");

        var refused = await (await listener.PostAsJsonAsync($"/api/music/tracks/{id}/plays", new { seconds = tooShort }))
            .ProblemAsync(400, "VALIDATION_FAILED");
        var counted = await (await listener.PostAsJsonAsync($"/api/music/tracks/{id}/plays", new { seconds = enough })).JsonAsync();

        Assert.Contains($"{enough:0.#} seconds", refused.GetRawText());
        Assert.True(counted.GetProperty("counted").GetBoolean());
    }

    [Fact]
    public async Task TrackPage_PlayLinkCarriesTheServersThreshold()
    {
        var id = await TestCatalog.AddReadyTrackAsync(site.Services, "Threshold Page", seconds: 22);

        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await site.CreateClient().GetStringAsync($"/tracks/{id}"));

        Assert.Equal("11", page.QuerySelector($"a[data-play][data-track-id='{id}']")!.GetAttribute("data-count-after"));
    }

    public void Dispose() => _files.Dispose();
}
