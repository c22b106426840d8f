using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using MusicSite.Uploads;
using MusicSite.Tests.Infrastructure;
using static MusicSite.Tests.Infrastructure.TusRequests;

namespace MusicSite.Tests.Tracks;

/// <summary>The tus 1.0 protocol (core, creation, termination) at /api/uploads, spoken over plain HTTP.</summary>
[Trait("Category", "Slow")]
public sealed class ResumableUploadTests(MusicSiteFactory site) : IClassFixture<MusicSiteFactory>, IDisposable
{
    private readonly TempDirectory _files = new("musicsite-tus");

    private static async Task<string> CreateAsync(HttpClient client, long length, string name = "song.flac")
    {
        var response = await client.SendAsync(Tus(HttpMethod.Post, "/api/uploads", null,
            ("Upload-Length", length.ToString()), ("Upload-Metadata", "filename " + Convert.ToBase64String(Encoding.UTF8.GetBytes(name)))));
        Assert.Equal(201, (int)response.StatusCode);
        Assert.Equal("1.0.0", response.Headers.GetValues("Tus-Resumable").Single());
        return response.Headers.Location!.ToString();
    }

    private static async Task<long> OffsetAsync(HttpClient client, string url)
    {
        var head = await client.SendAsync(Tus(HttpMethod.Head, url));
        Assert.Equal(200, (int)head.StatusCode);
        return long.Parse(head.Headers.GetValues("Upload-Offset").Single());
    }

    [Fact]
    public async Task Options_AnnounceVersionExtensionsAndMaximum()
    {
        var response = await site.CreateClient().SendAsync(new HttpRequestMessage(HttpMethod.Options, "/api/uploads"));

        Assert.Equal(204, (int)response.StatusCode);
        Assert.Equal("1.0.0", response.Headers.GetValues("Tus-Version").Single());
        Assert.Equal("creation,termination", response.Headers.GetValues("Tus-Extension").Single());
        Assert.Equal("200000000", response.Headers.GetValues("Tus-Max-Size").Single());
    }

    [Theory]
    [InlineData("flac", true)]
    [InlineData("wav", true)]
    [InlineData("mp3", false)]
    [InlineData("ogg", false)]
    [InlineData("opus", false)]
    [InlineData("m4a", false)]
    public async Task ChunkedUpload_ResumesFromTheServersOffset_AndBecomesATrack(string extension, bool lossless)
    {
        var client = await site.ArtistClientAsync();
        var bytes = await File.ReadAllBytesAsync(MediaFixtures.Audio(_files.Path, extension, 4));
        var split = bytes.Length / 3;
        var url = await CreateAsync(client, bytes.Length, "song." + extension);
        Assert.Equal(0, await OffsetAsync(client, url));

        var first = await client.SendAsync(Tus(HttpMethod.Patch, url, Chunk(bytes[..split]), ("Upload-Offset", "0")));
        Assert.Equal(204, (int)first.StatusCode);
        Assert.Equal(split.ToString(), first.Headers.GetValues("Upload-Offset").Single());

        // The client "lost" the response and tries an old offset: refused with where the upload stands.
        var stale = await client.SendAsync(Tus(HttpMethod.Patch, url, Chunk(bytes[..10]), ("Upload-Offset", "0")));
        await stale.ProblemAsync(409, "UPLOAD_OFFSET_MISMATCH");
        var resumeAt = await OffsetAsync(client, url);
        Assert.Equal(split, resumeAt);

        var rest = await client.SendAsync(Tus(HttpMethod.Patch, url, Chunk(bytes[(int)resumeAt..]), ("Upload-Offset", resumeAt.ToString())));
        Assert.Equal(204, (int)rest.StatusCode);
        Assert.Equal(bytes.Length, await OffsetAsync(client, url));

        var uploadId = url.Split('/').Last();
        var created = await client.PostAsJsonAsync("/api/music/tracks", new { uploadId, title = "Came In Pieces", genres = new[] { "ambient" } });
        Assert.Equal(201, (int)created.StatusCode);
        var id = (await created.JsonAsync()).GetProperty("id").GetInt32();
        var track = await client.WaitForProcessingAsync(id);
        Assert.Equal("ready", track.GetProperty("processing").GetProperty("state").GetString());
        Assert.Equal("song." + extension, track.GetProperty("audio").GetProperty("originalFileName").GetString());
        Assert.Equal(lossless, track.GetProperty("variants").EnumerateArray().Any(v => v.GetProperty("quality").GetString() == "lossless"));
        Assert.True(track.GetProperty("hasWaveform").GetBoolean());
        Assert.Equal(404, (int)(await client.SendAsync(Tus(HttpMethod.Head, url))).StatusCode);
    }

    [Fact]
    public async Task UnfinishedUpload_CannotBecomeATrack_AndTerminationRemovesIt()
    {
        var client = await site.ArtistClientAsync();
        var url = await CreateAsync(client, 1000);
        await client.SendAsync(Tus(HttpMethod.Patch, url, Chunk(new byte[400]), ("Upload-Offset", "0")));

        var early = await client.PostAsJsonAsync("/api/music/tracks", new { uploadId = url.Split('/').Last() });
        var problem = await early.ProblemAsync(400, "INVALID_AUDIO_FORMAT");
        Assert.Contains("400 of 1000", problem.GetProperty("errors").GetProperty("uploadId")[0].GetString());

        Assert.Equal(204, (int)(await client.SendAsync(Tus(HttpMethod.Delete, url))).StatusCode);
        Assert.Equal(404, (int)(await client.SendAsync(Tus(HttpMethod.Head, url))).StatusCode);
        Assert.DoesNotContain(Directory.GetFiles(Path.Combine(site.DataDirectory, "uploads")), f => f.EndsWith(url.Split('/').Last()));
    }

    [Fact]
    public async Task Uploads_AreTheOwnersOnly_AndTheProtocolIsChecked()
    {
        var owner = await site.ArtistClientAsync();
        var url = await CreateAsync(owner, 100);
        var other = await site.ArtistClientAsync();
        var listener = await site.SignedInClientAsync($"listener-{Guid.NewGuid():N}@example.com");

        Assert.Equal(404, (int)(await other.SendAsync(Tus(HttpMethod.Head, url))).StatusCode);
        await (await other.SendAsync(Tus(HttpMethod.Patch, url, Chunk(new byte[10]), ("Upload-Offset", "0")))).ProblemAsync(404, "UPLOAD_NOT_FOUND");
        Assert.Equal(403, (int)(await listener.SendAsync(Tus(HttpMethod.Post, "/api/uploads", null, ("Upload-Length", "10")))).StatusCode);
        Assert.Equal(401, (int)(await site.CreateClient().SendAsync(Tus(HttpMethod.Post, "/api/uploads", null, ("Upload-Length", "10")))).StatusCode);

        var noVersion = new HttpRequestMessage(HttpMethod.Head, url);
        Assert.Equal(412, (int)(await owner.SendAsync(noVersion)).StatusCode);
        var wrongType = Tus(HttpMethod.Patch, url, new ByteArrayContent(new byte[10]), ("Upload-Offset", "0"));
        await (await owner.SendAsync(wrongType)).ProblemAsync(415, "UNSUPPORTED_MEDIA_TYPE");
        await (await owner.SendAsync(Tus(HttpMethod.Post, "/api/uploads", null, ("Upload-Length", "300000000")))).ProblemAsync(413, "FILE_TOO_LARGE");
        await (await owner.SendAsync(Tus(HttpMethod.Patch, url, Chunk(new byte[150]), ("Upload-Offset", "0")))).ProblemAsync(413, "FILE_TOO_LARGE");
        Assert.Equal(100, await OffsetAsync(owner, url));
    }

    [Fact]
    public async Task AbandonedUploads_AreCleanedAfterTheConfiguredTime()
    {
        using var quick = new MusicSiteFactory();
        quick.Settings["Uploads:AbandonedUploadHours"] = "0";
        var client = await quick.ArtistClientAsync();
        var url = await CreateAsync(client, 100);

        await using var scope = quick.Services.CreateAsyncScope();
        var removed = await scope.ServiceProvider.GetRequiredService<ResumableUploads>().CleanAbandonedAsync(default);

        Assert.Equal(1, removed);
        Assert.Equal(404, (int)(await client.SendAsync(Tus(HttpMethod.Head, url))).StatusCode);
        Assert.Empty(Directory.GetFiles(Path.Combine(quick.DataDirectory, "uploads")));
    }

    public void Dispose() => _files.Dispose();
}
