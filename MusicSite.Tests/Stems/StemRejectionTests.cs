using System.Net.Http.Json;
using MusicSite.Attribution;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Stems;

/// <summary>Stem uploads that must be refused with their code, leaving no row and no file behind.</summary>
[Trait("Category", "Slow")]
public sealed class StemRejectionTests : IDisposable
{
    private readonly MusicSiteFactory _site = new();
    private readonly TempDirectory _files = new("musicsite-stem-reject");

    public StemRejectionTests()
    {
        _site.Settings["Uploads:MaxDurationSeconds"] = "10";
    }

    [Fact]
    public async Task NotAudio_Is415()
    {
        var (client, trackId, drums) = await ArtistWithTrackAsync();
        var text = MediaFixtures.Text(_files.Path, "kit.wav", "RIFF but not really a wave file");

        var problem = await (await client.PostAsync("/api/stems", StemUploads.Form(text, trackId, drums))).ProblemAsync(415, "INVALID_AUDIO_FORMAT");

        Assert.True(problem.GetProperty("errors").TryGetProperty("audio", out _));
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task TooLong_Is422()
    {
        var (client, trackId, drums) = await ArtistWithTrackAsync();

        var response = await client.PostAsync("/api/stems", StemUploads.Form(MediaFixtures.Tone(_files.Path, "mp3", 12), trackId, drums));

        await response.ProblemAsync(422, "DURATION_EXCEEDED");
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task UnknownInstrument_AndBadFields_AreFieldErrors()
    {
        var (client, trackId, _) = await ArtistWithTrackAsync();

        var response = await client.PostAsync("/api/stems", StemUploads.Form(MediaFixtures.Tone(_files.Path, "mp3", 2), trackId, 99999, " ",
            ("key", "H"), ("bpm", "9000"), ("license", "mine-all-mine"), ("remixAllowed", "maybe")));

        var errors = (await response.ProblemAsync(400, "VALIDATION_FAILED")).GetProperty("errors");
        foreach (var field in new[] { "instrumentTypeId", "name", "key", "bpm", "license", "remixAllowed" })
        {
            Assert.True(errors.TryGetProperty(field, out _), $"no error on {field}: {errors}");
        }
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task SomeoneElsesTrack_Is403WhenVisible_404WhenPrivate()
    {
        var (_, publicTrack, drums) = await ArtistWithTrackAsync();
        var (owner, privateTrack, _) = await ArtistWithTrackAsync(("isPublic", "false"));
        var other = await _site.ArtistClientAsync();
        var audio = MediaFixtures.Tone(_files.Path, "mp3", 2);

        await (await other.PostAsync("/api/stems", StemUploads.Form(audio, publicTrack, drums))).ProblemAsync(403, "UNAUTHORIZED_ACCESS");
        await (await other.PostAsync("/api/stems", StemUploads.Form(audio, privateTrack, drums))).ProblemAsync(404, "TRACK_NOT_FOUND");
        await (await other.PostAsJsonAsync("/api/stems", new { uploadId = "x", trackId = privateTrack, name = "Kit", instrumentTypeId = drums }))
            .ProblemAsync(404, "TRACK_NOT_FOUND");
        await (await other.PostAsync("/api/stems", StemUploads.Form(audio, 987654, drums))).ProblemAsync(404, "TRACK_NOT_FOUND");
        await AssertNothingStoredAsync();
        // The owner of the private track may add stems to it.
        Assert.Equal(201, (int)(await owner.PostAsync("/api/stems", StemUploads.Form(audio, privateTrack, drums))).StatusCode);
    }

    [Fact]
    public async Task Anonymous_Is401_Listener_Is403()
    {
        var (_, trackId, drums) = await ArtistWithTrackAsync();
        var audio = MediaFixtures.Tone(_files.Path, "mp3", 2);
        var listener = await _site.SignedInClientAsync($"listener-{Guid.NewGuid():N}@example.com");

        await (await _site.CreateClient().PostAsync("/api/stems", StemUploads.Form(audio, trackId, drums))).ProblemAsync(401, "UNAUTHORIZED");
        await (await listener.PostAsync("/api/stems", StemUploads.Form(audio, trackId, drums))).ProblemAsync(403, "UNAUTHORIZED_ACCESS");
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task WrongBodies_AreProblemsNot500()
    {
        var (client, trackId, drums) = await ArtistWithTrackAsync();

        await (await client.PostAsync("/api/stems", new StringContent("name=x", System.Text.Encoding.UTF8, "text/plain")))
            .ProblemAsync(415, "UNSUPPORTED_MEDIA_TYPE");
        await (await client.PostAsync("/api/stems", new StringContent("[1,2]", System.Text.Encoding.UTF8, "application/json")))
            .ProblemAsync(400, "VALIDATION_FAILED");
        await (await client.PostAsync("/api/stems", new StringContent("{", System.Text.Encoding.UTF8, "application/json")))
            .ProblemAsync(400, "VALIDATION_FAILED");
        var noFile = new MultipartFormDataContent { { new StringContent(trackId.ToString()), "trackId" }, { new StringContent(drums.ToString()), "instrumentTypeId" } };
        await (await client.PostAsync("/api/stems", noFile)).ProblemAsync(400, "INVALID_AUDIO_FORMAT");
        var noTrack = TrackUploads.Form(MediaFixtures.Tone(_files.Path, "mp3", 2), [("name", "Kit"), ("instrumentTypeId", drums.ToString())]);
        var problem = await (await client.PostAsync("/api/stems", noTrack)).ProblemAsync(400, "VALIDATION_FAILED");
        Assert.True(problem.GetProperty("errors").TryGetProperty("trackId", out _));
        await AssertNothingStoredAsync();
    }

    private async Task<(HttpClient Client, int TrackId, int Drums)> ArtistWithTrackAsync(params (string, string)[] fields)
    {
        var client = await _site.ArtistClientAsync();
        var trackId = (await client.UploadAsync(MediaFixtures.Tone(_files.Path, "mp3", 2), fields)).GetProperty("id").GetInt32();
        return (client, trackId, await _site.InstrumentIdAsync());
    }

    private async Task AssertNothingStoredAsync()
    {
        Assert.Equal(0, await _site.CountAsync<Stem>());
        var stems = Path.Combine(_site.DataDirectory, "media", "stems");
        Assert.False(Directory.Exists(stems) && Directory.EnumerateFileSystemEntries(stems).Any(), "a stem folder was left behind");
        var uploads = Path.Combine(_site.DataDirectory, "uploads");
        Assert.False(Directory.Exists(uploads) && Directory.EnumerateFiles(uploads, "staged-*").Any(), "a staged file was left behind");
    }

    public void Dispose()
    {
        _site.Dispose();
        _files.Dispose();
    }
}
