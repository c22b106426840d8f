using System.Text.Json;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Tracks;

/// <summary>Every accepted format, synthesised by ffmpeg, uploaded through the API and processed by the real
/// pipeline (Quartz job, ffmpeg) until it streams in every quality with a waveform.</summary>
[Trait("Category", "Slow")]
public sealed class UploadPipelineTests(MusicSiteFactory site) : IClassFixture<MusicSiteFactory>, IDisposable
{
    private readonly TempDirectory _files = new("musicsite-upload");

    [Theory]
    [InlineData("mp3", false, "mp3")]
    [InlineData("wav", true, "pcm_s16le")]
    [InlineData("flac", true, "flac")]
    [InlineData("ogg", false, "vorbis")]
    [InlineData("opus", false, "opus")]
    [InlineData("m4a", false, "aac")]
    public async Task Upload_EachFormat_BecomesReadyWithVariantsAndWaveform(string extension, bool lossless, string codec)
    {
        var client = await site.ArtistClientAsync();
        var audio = MediaFixtures.Audio(_files.Path, extension, 5);

        var created = await client.UploadAsync(audio, ("title", $"Format {extension}"), ("genres", "house"),
            ("tags", "test, synth"), ("bpm", "124"), ("key", "Am"), ("license", "CC BY-SA"));
        // The job is queued before the answer is written and may already have started.
        Assert.Contains(created.GetProperty("processing").GetProperty("state").GetString(), new[] { "pending", "processing" });
        var id = created.GetProperty("id").GetInt32();

        var track = await client.WaitForProcessingAsync(id);
        Assert.Equal("ready", track.GetProperty("processing").GetProperty("state").GetString());
        Assert.Equal(100, track.GetProperty("processing").GetProperty("progress").GetInt32());
        Assert.InRange(track.GetProperty("durationSeconds").GetDouble(), 4.9, 5.2);
        Assert.Equal("cc-by-sa", track.GetProperty("license").GetProperty("code").GetString());
        Assert.Equal(["synth", "test"], track.GetProperty("tags").EnumerateArray().Select(t => t.GetString()!));

        var variants = track.GetProperty("variants").EnumerateArray().Select(v => v.GetProperty("quality").GetString()).ToList();
        Assert.Equal(lossless ? ["low", "medium", "high", "lossless"] : new List<string?> { "low", "medium", "high" }, variants);
        Assert.True(track.GetProperty("hasWaveform").GetBoolean());
        var loudness = track.GetProperty("loudness");
        // A stereo 440 Hz sine at 1/8 scale measures about -21 LUFS.
        Assert.InRange(loudness.GetProperty("integratedLufs").GetDouble(), -23, -19);
        Assert.Equal(Math.Round(-18 - loudness.GetProperty("integratedLufs").GetDouble(), 2),
            loudness.GetProperty("replayGainDb").GetDouble(), 2);

        foreach (var (quality, type) in new[] { ("low", "audio/mpeg"), ("medium", "audio/mpeg"), ("high", "audio/mpeg"),
                     ("lossless", lossless ? "audio/flac" : "audio/mpeg") })
        {
            var stream = await client.GetAsync($"/api/music/stream/{id}?quality={quality}");
            Assert.Equal(200, (int)stream.StatusCode);
            Assert.Equal(type, stream.Content.Headers.ContentType?.ToString());
        }
        Assert.Equal(codec, track.GetProperty("audio").GetProperty("codec").GetString());

        var waveform = await (await client.GetAsync($"/api/music/tracks/{id}/waveform")).JsonAsync();
        Assert.Equal(1800, waveform.GetProperty("length").GetInt32());
        var data = waveform.GetProperty("data").EnumerateArray().Select(d => d.GetInt32()).ToList();
        Assert.Equal(3600, data.Count);
        // ffmpeg's sine source plays at 1/8 of full scale (about 11 of 127), and the peaks are scaled to the track's own
        // peak: the steady tone fills the height in every slice (lossy codecs wobble a little).
        Assert.Equal(127, data.Max());
        Assert.InRange(data.Min(), -128, -120);
        Assert.True(data.Where((_, i) => i % 2 == 1).Count(max => max >= 100) > 1700, "most slices should hold a full cycle");
    }

    [Fact]
    public async Task Upload_EmptyFieldsAreFilledFromTags_AndTheEmbeddedCoverBecomesArtwork()
    {
        var client = await site.ArtistClientAsync();
        var audio = MediaFixtures.TaggedMp3WithCover(_files.Path, "Tagged Title", "Tagged Artist", "128", "F#m", "Deep House");

        var created = await client.UploadAsync(audio);
        var track = await client.WaitForProcessingAsync(created.GetProperty("id").GetInt32());

        Assert.Equal("Tagged Title", track.GetProperty("title").GetString());
        Assert.Equal("Tagged Artist", track.GetProperty("artistName").GetString());
        Assert.Equal(128, track.GetProperty("bpm").GetInt32());
        Assert.Equal("F#m", track.GetProperty("key").GetString());
        Assert.Equal("deep-house", track.GetProperty("genres").EnumerateArray().Single().GetProperty("slug").GetString());
        Assert.Equal("all-rights-reserved", track.GetProperty("license").GetProperty("code").GetString());
        Assert.True(track.GetProperty("hasArtwork").GetBoolean());
        var artwork = await client.GetAsync($"/api/music/tracks/{track.GetProperty("id").GetInt32()}/artwork");
        Assert.Equal("image/jpeg", artwork.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Stream_AnswersRangeRequestsByteExactly()
    {
        var client = await site.ArtistClientAsync();
        var id = (await client.UploadAsync(MediaFixtures.Audio(_files.Path, "wav", 3))).GetProperty("id").GetInt32();
        await client.WaitForProcessingAsync(id);
        var wholeResponse = await client.GetAsync($"/api/music/stream/{id}?quality=high");
        Assert.True(wholeResponse.Headers.CacheControl is { Private: true, MaxAge.TotalSeconds: 3600 });
        Assert.NotNull(wholeResponse.Content.Headers.LastModified);
        var whole = await wholeResponse.Content.ReadAsByteArrayAsync();

        foreach (var (from, to) in new[] { (0L, 0L), (0L, 1023L), (1000L, 4999L), (whole.Length - 10L, whole.Length - 1L) })
        {
            var request = new HttpRequestMessage(HttpMethod.Get, $"/api/music/stream/{id}?quality=high");
            request.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(from, to);
            var response = await client.SendAsync(request);
            Assert.Equal(206, (int)response.StatusCode);
            Assert.Equal($"bytes {from}-{to}/{whole.Length}", response.Content.Headers.ContentRange?.ToString());
            Assert.Equal(whole[(int)from..(int)(to + 1)], await response.Content.ReadAsByteArrayAsync());
        }

        var suffix = new HttpRequestMessage(HttpMethod.Get, $"/api/music/stream/{id}");
        suffix.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(null, 100);
        Assert.Equal(whole[^100..], await (await client.SendAsync(suffix)).Content.ReadAsByteArrayAsync());

        var unsatisfiable = new HttpRequestMessage(HttpMethod.Get, $"/api/music/stream/{id}");
        unsatisfiable.Headers.TryAddWithoutValidation("Range", $"bytes={whole.Length + 10}-");
        var refused = await client.SendAsync(unsatisfiable);
        Assert.Equal(416, (int)refused.StatusCode);
        Assert.Equal($"bytes */{whole.Length}", refused.Content.Headers.ContentRange?.ToString());

        var multi = new HttpRequestMessage(HttpMethod.Get, $"/api/music/stream/{id}");
        multi.Headers.TryAddWithoutValidation("Range", "bytes=0-10,20-30");
        var all = await client.SendAsync(multi);
        Assert.Equal(200, (int)all.StatusCode);
        Assert.Equal(whole.Length, (await all.Content.ReadAsByteArrayAsync()).Length);

        var malformed = new HttpRequestMessage(HttpMethod.Get, $"/api/music/stream/{id}");
        malformed.Headers.TryAddWithoutValidation("Range", "bytes=banana");
        Assert.Equal(200, (int)(await client.SendAsync(malformed)).StatusCode);
    }

    [Fact]
    public async Task PrivateUpload_IsInvisibleToOthers_InEveryWay()
    {
        var owner = await site.ArtistClientAsync();
        var id = (await owner.UploadAsync(MediaFixtures.Audio(_files.Path, "mp3", 3), ("title", "Secret Song"), ("isPublic", "false")))
            .GetProperty("id").GetInt32();
        await owner.WaitForProcessingAsync(id);
        var stranger = await site.ArtistClientAsync();
        var anonymous = site.CreateClient();

        foreach (var client in new[] { stranger, anonymous })
        {
            foreach (var path in new[] { $"/api/music/tracks/{id}", $"/api/music/stream/{id}", $"/api/music/tracks/{id}/waveform" })
            {
                Assert.Equal(404, (int)(await client.GetAsync(path)).StatusCode);
            }
        }
        Assert.Equal(200, (int)(await owner.GetAsync($"/api/music/stream/{id}")).StatusCode);
    }

    [Fact]
    public async Task Stream_BadQuality_Is400()
    {
        var response = await site.CreateClient().GetAsync("/api/music/stream/1?quality=ultra");
        var problem = await response.ProblemAsync(400, "VALIDATION_FAILED");
        Assert.True(problem.GetProperty("errors").TryGetProperty("quality", out _));
    }

    public void Dispose() => _files.Dispose();
}
