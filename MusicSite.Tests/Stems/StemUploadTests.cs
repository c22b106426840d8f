using System.Net.Http.Json;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using MusicSite.Attribution;
using MusicSite.Catalog;
using MusicSite.Media;
using MusicSite.Tests.Infrastructure;
using static MusicSite.Tests.Infrastructure.TusRequests;

namespace MusicSite.Tests.Stems;

/// <summary>POST /api/stems (multipart and resumable) and the stem pipeline: checked like tracks, stored under a generated
/// folder, processed to a preview and a waveform with the original kept byte for byte.</summary>
[Trait("Category", "Slow")]
public sealed class StemUploadTests : IDisposable
{
    private readonly MusicSiteFactory _site = new();
    private readonly TempDirectory _files = new("musicsite-stems");

    [Fact]
    public async Task Multipart_ProcessesToPreviewAndWaveform_OriginalKeptByteIdentical()
    {
        var client = await _site.ArtistClientAsync();
        var trackId = await client.ReadyTrackAsync(MediaFixtures.Tone(_files.Path, "mp3", 2), ("title", "Source"), ("key", "Am"), ("bpm", "124"));
        var drums = await _site.InstrumentIdAsync();
        var wav = MediaFixtures.Pulse(_files.Path, "wav", 3);

        var response = await client.PostAsync("/api/stems", StemUploads.Form(wav, trackId, drums, "Kit",
            ("license", "cc-by"), ("remixAllowed", "true"), ("isDownloadable", "true")));

        Assert.Equal(201, (int)response.StatusCode);
        var created = await response.JsonAsync();
        var id = created.GetProperty("id").GetInt32();
        Assert.Equal($"/api/stems/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("Kit", created.GetProperty("name").GetString());
        // Not done yet: the job may already have picked the stem up by the time the answer is written.
        Assert.Contains(created.GetProperty("processing").GetProperty("state").GetString(), new[] { "pending", "processing" });
        Assert.EndsWith($"/stems/{id}", created.GetProperty("urls").GetProperty("page").GetString());
        Assert.Equal("cc-by", created.GetProperty("license").GetProperty("code").GetString());
        Assert.True(created.GetProperty("rights").GetProperty("remixAllowed").GetBoolean());
        Assert.False(created.GetProperty("rights").GetProperty("commercialAllowed").GetBoolean());
        Assert.True(created.GetProperty("rights").GetProperty("attributionRequired").GetBoolean());
        // Key and bpm left empty are the track's.
        Assert.Equal("Am", created.GetProperty("key").GetString());
        Assert.Equal(124, created.GetProperty("bpm").GetInt32());

        var stem = await _site.WaitForStemAsync(id);
        Assert.Equal(TrackState.Ready, stem.State);
        Assert.Equal(100, stem.ProcessingProgress);
        var original = stem.Files.Single(f => f.Kind == MediaKind.Original);
        Assert.StartsWith("stems/" + stem.MediaFolder + "/", original.RelativePath);
        Assert.Equal("pcm_s16le", original.Codec);
        Assert.Equal(44100, original.SampleRate);
        Assert.Equal(2, original.Channels);
        Assert.Equal(3, stem.DurationSeconds!.Value, 1);
        Assert.Equal(SHA256.HashData(File.ReadAllBytes(wav)), SHA256.HashData(File.ReadAllBytes(Media(original.RelativePath))));
        var preview = stem.Files.Single(f => f.Kind != MediaKind.Original);
        Assert.Equal(("mp3", "audio/mpeg"), (preview.Codec, preview.ContentType));
        Assert.Contains("codec_name=mp3", MediaFixtures.Probe(Media(preview.RelativePath), "stream=codec_name"));
        var waveform = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Media(stem.WaveformPath!))).RootElement;
        Assert.True(waveform.GetProperty("length").GetInt32() > 0);
    }

    [Fact]
    public async Task Resumable_UploadIdBecomesAStem_AndTheUploadIsForgotten()
    {
        var client = await _site.ArtistClientAsync();
        var trackId = await client.ReadyTrackAsync(MediaFixtures.Tone(_files.Path, "mp3", 2));
        var bytes = File.ReadAllBytes(MediaFixtures.Tone(_files.Path, "flac", 2));
        var create = await client.SendAsync(Tus(HttpMethod.Post, "/api/uploads", null, ("Upload-Length", bytes.Length.ToString()),
            ("Upload-Metadata", "filename " + Convert.ToBase64String("bass.flac"u8.ToArray()))));
        var url = create.Headers.Location!.OriginalString;
        Assert.Equal(204, (int)(await client.SendAsync(Tus(HttpMethod.Patch, url, Chunk(bytes), ("Upload-Offset", "0")))).StatusCode);

        var response = await client.PostAsJsonAsync("/api/stems", new
        {
            uploadId = url.Split('/').Last(), trackId, name = "Bass", instrumentTypeId = await _site.InstrumentIdAsync("Bass Guitar"),
            license = "cc-by-sa", key = "F#m", bpm = 90, commercialAllowed = true,
        });

        Assert.Equal(201, (int)response.StatusCode);
        var stem = await response.JsonAsync();
        Assert.Equal(("F#m", 90), (stem.GetProperty("key").GetString(), stem.GetProperty("bpm").GetInt32()));
        Assert.True(stem.GetProperty("rights").GetProperty("commercialAllowed").GetBoolean());
        Assert.Equal(404, (int)(await client.SendAsync(Tus(HttpMethod.Head, url))).StatusCode);
        var ready = await _site.WaitForStemAsync(stem.GetProperty("id").GetInt32());
        Assert.Equal(TrackState.Ready, ready.State);
        Assert.Equal("bass.flac", ready.OriginalFileName);
        Assert.Equal(bytes, File.ReadAllBytes(Media(ready.Files.Single(f => f.Kind == MediaKind.Original).RelativePath)));
    }

    [Fact]
    public async Task Resumable_UnknownUpload_IsA400OnUploadId()
    {
        var client = await _site.ArtistClientAsync();
        var trackId = await client.ReadyTrackAsync(MediaFixtures.Tone(_files.Path, "mp3", 2));

        var response = await client.PostAsJsonAsync("/api/stems", new
        {
            uploadId = "0123456789abcdef", trackId, name = "Bass", instrumentTypeId = await _site.InstrumentIdAsync("Bass Guitar"),
        });

        var problem = await response.ProblemAsync(400, "INVALID_AUDIO_FORMAT");
        Assert.True(problem.GetProperty("errors").TryGetProperty("uploadId", out _));
    }

    private string Media(string relative) => Path.Combine(_site.DataDirectory, "media", relative);

    public void Dispose()
    {
        _site.Dispose();
        _files.Dispose();
    }
}
