using MusicSite.Catalog;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Tracks;

/// <summary>Uploads that must be refused with their code, leaving nothing on disk or in the database.</summary>
[Trait("Category", "Slow")]
public sealed class UploadRejectionTests : IDisposable
{
    private readonly MusicSiteFactory _site = new();
    private readonly TempDirectory _files = new("musicsite-reject");

    public UploadRejectionTests()
    {
        _site.Settings["Uploads:MaxUploadBytes"] = "400000";
        _site.Settings["Uploads:MaxDurationSeconds"] = "10";
        _site.Settings["Uploads:MaxArtworkBytes"] = "100000";
    }

    public static TheoryData<string, string, int, string> NotAudio => new()
    {
        { "song.mp3", "text", 415, "INVALID_AUDIO_FORMAT" },
        { "song.mp3", "png", 415, "INVALID_AUDIO_FORMAT" },
        { "song.mp3", "html", 415, "INVALID_AUDIO_FORMAT" },
        { "song.mp3", "zip", 415, "INVALID_AUDIO_FORMAT" },
        { "song.wav", "empty", 400, "INVALID_AUDIO_FORMAT" },
    };

    [Theory]
    [MemberData(nameof(NotAudio))]
    public async Task NotAudio_IsRefusedByContent(string fileName, string kind, int status, string code)
    {
        var client = await _site.ArtistClientAsync();
        var path = kind switch
        {
            "png" => MediaFixtures.Image(_files.Path, "png"),
            "html" => MediaFixtures.Text(_files.Path, "page.html", "<html><body><script>alert(1)</script></body></html>"),
            "zip" => Zip(),
            "empty" => MediaFixtures.Text(_files.Path, "empty.wav", ""),
            _ => MediaFixtures.Text(_files.Path, "notes.txt", "ID3 this is text pretending to be an mp3"),
        };

        var response = await client.PostAsync("/api/music/tracks", TrackUploads.Form(path, fileName: fileName));

        await response.ProblemAsync(status, code);
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task LowSampleRate_IsRefusedWithTheReason()
    {
        var client = await _site.ArtistClientAsync();
        var audio = MediaFixtures.Audio(_files.Path, "wav", 2, "-ar", "8000");

        var problem = await (await client.PostAsync("/api/music/tracks", TrackUploads.Form(audio))).ProblemAsync(415, "INVALID_AUDIO_FORMAT");

        Assert.Contains("8000 Hz", problem.GetProperty("errors").GetProperty("audio")[0].GetString());
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task TooLong_IsDurationExceeded()
    {
        var client = await _site.ArtistClientAsync();
        var audio = MediaFixtures.Audio(_files.Path, "opus", 12, "-b:a", "16k");

        await (await client.PostAsync("/api/music/tracks", TrackUploads.Form(audio))).ProblemAsync(422, "DURATION_EXCEEDED");
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task TooLarge_WithContentLength_IsRefusedBeforeTheBodyIsRead()
    {
        var client = await _site.ArtistClientAsync();
        // Over the whole-body allowance (file cap + artwork cap + 1 MiB of form): refused from the headers alone.
        var audio = MediaFixtures.Audio(_files.Path, "wav", 20);
        Assert.True(new FileInfo(audio).Length > 400_000 + 100_000 + 1_048_576);

        var problem = await (await client.PostAsync("/api/music/tracks", TrackUploads.Form(audio))).ProblemAsync(413, "FILE_TOO_LARGE");

        Assert.StartsWith("The file is larger than", problem.GetProperty("detail").GetString());
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task TooLarge_Chunked_IsCutOffWhileStreaming()
    {
        var client = await _site.ArtistClientAsync();
        var audio = MediaFixtures.Audio(_files.Path, "wav", 4); // ~700 KB: over the 400 KB cap, under the announced-size check
        var form = new MultipartFormDataContent { { new ChunkedContent(File.ReadAllBytes(audio)), "audio", "big.wav" } };

        var problem = await (await client.PostAsync("/api/music/tracks", form)).ProblemAsync(413, "FILE_TOO_LARGE");

        Assert.StartsWith("Files can be at most", problem.GetProperty("detail").GetString());
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task BadMetadata_IsInvalidMetadataWithEveryField()
    {
        var client = await _site.ArtistClientAsync();
        var audio = MediaFixtures.Audio(_files.Path, "mp3", 2);
        var tags = string.Join(",", Enumerable.Range(1, 11).Select(i => $"tag{i}"));

        var response = await client.PostAsync("/api/music/tracks", TrackUploads.Form(audio,
        [
            ("title", new string('t', 201)), ("bpm", "500"), ("key", "H#"), ("tags", tags), ("genres", "not-a-genre"),
            ("license", "Public-ish"), ("description", new string('d', 2001)), ("isPublic", "maybe"),
        ]));

        var problem = await response.ProblemAsync(400, "INVALID_METADATA");
        var errors = problem.GetProperty("errors");
        foreach (var field in new[] { "title", "bpm", "key", "tags", "genres", "license", "description", "isPublic" })
        {
            Assert.True(errors.TryGetProperty(field, out _), $"no error for {field}");
        }
        await AssertNothingStoredAsync();
    }

    [Theory]
    [InlineData("Cmaj", null)]
    [InlineData("H", null)]
    [InlineData("F#m", "F#m")]
    [InlineData("Bb", "Bb")]
    [InlineData("C", "C")]
    // Any letter case: the key is stored as it is written (MusicalKey).
    [InlineData("a", "A")]
    [InlineData("f#M", "F#m")]
    [InlineData("BBM", "Bbm")]
    public async Task Key_FollowsTheNotePattern(string given, string? stored)
    {
        var accepted = stored is not null;
        var client = await _site.ArtistClientAsync();
        var response = await client.PostAsync("/api/music/tracks",
            TrackUploads.Form(MediaFixtures.Audio(_files.Path, "mp3", 2), [("key", given)]));

        if (accepted)
        {
            Assert.Equal(201, (int)response.StatusCode);
            Assert.Equal(stored, (await response.JsonAsync()).GetProperty("key").GetString());
        }
        else
        {
            await response.ProblemAsync(400, "INVALID_METADATA");
        }
    }

    [Fact]
    public async Task Listener_CannotUpload_AndAnonymousMustSignIn()
    {
        var listener = await _site.SignedInClientAsync($"listener-{Guid.NewGuid():N}@example.com");
        var audio = MediaFixtures.Audio(_files.Path, "mp3", 2);

        await (await listener.PostAsync("/api/music/tracks", TrackUploads.Form(audio))).ProblemAsync(403, "UNAUTHORIZED_ACCESS");
        await (await _site.CreateClient().PostAsync("/api/music/tracks", TrackUploads.Form(audio))).ProblemAsync(401, "UNAUTHORIZED");
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task JsonBody_WithoutAFinishedUpload_NamesTheMissingUploadId_AndOtherBodiesAreUnsupported()
    {
        var client = await _site.ArtistClientAsync();
        var json = await client.PostAsync("/api/music/tracks",
            new StringContent("{\"title\":\"x\"}", System.Text.Encoding.UTF8, "application/json"));
        var text = await client.PostAsync("/api/music/tracks", new StringContent("title=x", System.Text.Encoding.UTF8, "text/plain"));

        var problem = await json.ProblemAsync(400, "INVALID_AUDIO_FORMAT");
        Assert.True(problem.GetProperty("errors").TryGetProperty("uploadId", out _));
        await text.ProblemAsync(415, "UNSUPPORTED_MEDIA_TYPE");
    }

    private async Task AssertNothingStoredAsync()
    {
        Assert.Equal(0, await _site.CountAsync<Track>());
        var tracks = Path.Combine(_site.DataDirectory, "media", "tracks");
        Assert.True(!Directory.Exists(tracks) || Directory.GetFileSystemEntries(tracks).Length == 0, "files left in media/tracks");
        Assert.Empty(Directory.GetFiles(Path.Combine(_site.DataDirectory, "uploads")));
    }

    private string Zip()
    {
        var path = Path.Combine(_files.Path, "archive.zip");
        using (var zip = System.IO.Compression.ZipFile.Open(path, System.IO.Compression.ZipArchiveMode.Create))
        {
            var entry = zip.CreateEntry("song.mp3");
            using var writer = new StreamWriter(entry.Open());
            writer.Write(new string('x', 5000));
        }
        return path;
    }

    /// <summary>Content without a known length, so the client sends it chunked.</summary>
    private sealed class ChunkedContent(byte[] bytes) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) => stream.WriteAsync(bytes).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }

    public void Dispose()
    {
        _site.Dispose();
        _files.Dispose();
    }
}
