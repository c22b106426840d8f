using System.IO.Compression;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using MusicSite.Attribution;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Stems;

/// <summary>A stem's stream, waveform and download, the ZIP of a track's stems, and editing and deleting stems: each
/// only where visibility and rights allow.</summary>
public sealed class StemFilesTests : IDisposable
{
    private readonly MusicSiteFactory _site = new();
    private readonly string _ownerEmail = $"owner-{Guid.NewGuid():N}@example.com";

    private async Task<(HttpClient Owner, int TrackId)> OwnerWithTrackAsync(bool isPublic = true)
    {
        var owner = await _site.SignedInClientAsync(_ownerEmail);
        return (owner, await TestCatalog.AddReadyTrackAsync(_site.Services, "Glass Rooms", 5, isPublic, _ownerEmail));
    }

    private Task<int> StemAsync(int trackId, string name, bool downloadable = true, string instrument = "Kick") =>
        TestStems.AddAsync(_site.Services, trackId, new StemSeed(name, instrument, IsDownloadable: downloadable) { AudioSeconds = 2 });

    [Fact]
    public async Task Stream_AnswersRanges_Waveform_IsJsonOrNotReady()
    {
        var (_, trackId) = await OwnerWithTrackAsync();
        var stem = await StemAsync(trackId, "Kick");
        var anonymous = _site.CreateClient();

        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/stems/{stem}/stream") { Headers = { Range = new RangeHeaderValue(0, 99) } };
        var partial = await anonymous.SendAsync(request);

        Assert.Equal(206, (int)partial.StatusCode);
        Assert.Equal("audio/mpeg", partial.Content.Headers.ContentType?.MediaType);
        Assert.Equal(100, (await partial.Content.ReadAsByteArrayAsync()).Length);
        // The test stem has no waveform yet: a ready stem without one is "still being processed", never a 500.
        await (await anonymous.GetAsync($"/api/stems/{stem}/waveform")).ProblemAsync(422, "STEM_PROCESSING");
        await (await anonymous.GetAsync("/api/stems/987654/stream")).ProblemAsync(404, "STEM_NOT_FOUND");
    }

    [Fact]
    public async Task Download_FollowsRights_CountsAndIsTagged()
    {
        var (owner, trackId) = await OwnerWithTrackAsync();
        var open = await StemAsync(trackId, "Kick");
        var closed = await StemAsync(trackId, "Vox", downloadable: false);
        var anonymous = _site.CreateClient();

        var download = await anonymous.GetAsync($"/api/stems/download/{open}");
        Assert.Equal(200, (int)download.StatusCode);
        Assert.Contains("Glass Rooms (Kick)", download.Content.Headers.ContentDisposition?.FileNameStar);
        using var files = new TempDirectory("musicsite-stem-download");
        var saved = Path.Combine(files.Path, "kick.mp3");
        await File.WriteAllBytesAsync(saved, await download.Content.ReadAsByteArrayAsync());
        var tags = MediaFixtures.Probe(saved, "format_tags=title,artist,copyright,comment");
        Assert.Contains("title=Glass Rooms (Kick)", tags);
        Assert.Contains("CC BY (https://creativecommons.org/licenses/by/4.0/)", tags);
        Assert.Contains("of \"Glass Rooms\" by Test User", tags);
        Assert.Equal(1, await _site.WithDbAsync(db => db.Stems.Where(s => s.Id == open).Select(s => s.DownloadCount).FirstAsync()));

        await (await anonymous.GetAsync($"/api/stems/download/{closed}")).ProblemAsync(403, "DOWNLOAD_NOT_ALLOWED");
        Assert.Equal(200, (int)(await owner.GetAsync($"/api/stems/download/{closed}")).StatusCode);
    }

    [Fact]
    public async Task PrivateTracksStems_AreNotFoundToOthers()
    {
        var (owner, trackId) = await OwnerWithTrackAsync(isPublic: false);
        var stem = await StemAsync(trackId, "Kick");
        var other = await _site.SignedInClientAsync($"other-{Guid.NewGuid():N}@example.com");

        await (await other.GetAsync($"/api/stems/{stem}/stream")).ProblemAsync(404, "STEM_NOT_FOUND");
        await (await other.GetAsync($"/api/stems/download/{stem}")).ProblemAsync(404, "STEM_NOT_FOUND");
        await (await other.GetAsync($"/api/stems/track/{trackId}/download")).ProblemAsync(404, "TRACK_NOT_FOUND");
        await (await other.PutAsJsonAsync($"/api/stems/{stem}", new { name = "Mine" })).ProblemAsync(404, "STEM_NOT_FOUND");
        await (await other.DeleteAsync($"/api/stems/{stem}")).ProblemAsync(404, "STEM_NOT_FOUND");
        Assert.Equal(200, (int)(await owner.GetAsync($"/api/stems/download/{stem}")).StatusCode);
    }

    [Fact]
    public async Task TrackZip_HoldsTheDownloadableStems_AndCreditsNamingEach()
    {
        var (owner, trackId) = await OwnerWithTrackAsync();
        await StemAsync(trackId, "Kick");
        await StemAsync(trackId, "Sub Bass", instrument: "Synth Bass");
        await StemAsync(trackId, "Lead Vox", downloadable: false, instrument: "Lead Vocals");

        var response = await _site.CreateClient().GetAsync($"/api/stems/track/{trackId}/download");

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        var names = zip.Entries.Select(e => e.FullName).ToList();
        Assert.Equal(3, names.Count);
        Assert.Contains("CREDITS.txt", names);
        Assert.Contains(names, n => n.EndsWith("Glass Rooms (Kick).mp3", StringComparison.Ordinal));
        Assert.Contains(names, n => n.EndsWith("Glass Rooms (Sub Bass).mp3", StringComparison.Ordinal));
        using var reader = new StreamReader(zip.GetEntry("CREDITS.txt")!.Open());
        var credits = await reader.ReadToEndAsync();
        Assert.Contains("CREDITS for \"Glass Rooms\" by Test User", credits);
        Assert.Contains($"/tracks/{trackId}", credits);
        Assert.Contains("- Kick (Kick)", credits);
        Assert.Contains("- Sub Bass (Synth Bass)", credits);
        Assert.DoesNotContain("Lead Vox", credits);
        Assert.Contains("- CC BY: https://creativecommons.org/licenses/by/4.0/", credits);
        foreach (var entry in zip.Entries.Where(e => e.FullName.EndsWith(".mp3", StringComparison.Ordinal)))
        {
            Assert.True(entry.Length > 1000, $"{entry.FullName} is {entry.Length} bytes");
        }

        // The owner gets every stem, the not downloadable one too.
        using var all = new ZipArchive(new MemoryStream(await owner.GetByteArrayAsync($"/api/stems/track/{trackId}/download")));
        Assert.Equal(4, all.Entries.Count);
    }

    [Fact]
    public async Task TrackZip_NoStems_Is404_NoneDownloadable_Is403()
    {
        var (_, bare) = await OwnerWithTrackAsync();
        var closedTrack = await TestCatalog.AddReadyTrackAsync(_site.Services, "Closed", 5, true, _ownerEmail);
        await StemAsync(closedTrack, "Vox", downloadable: false);
        var anonymous = _site.CreateClient();

        await (await anonymous.GetAsync($"/api/stems/track/{bare}/download")).ProblemAsync(404, "STEM_NOT_FOUND");
        await (await anonymous.GetAsync($"/api/stems/track/{closedTrack}/download")).ProblemAsync(403, "DOWNLOAD_NOT_ALLOWED");
        await (await anonymous.GetAsync("/api/stems/track/987654/download")).ProblemAsync(404, "TRACK_NOT_FOUND");
    }

    [Fact]
    public async Task Edit_ChangesFields_ForTheOwnerOnly()
    {
        var (owner, trackId) = await OwnerWithTrackAsync();
        await TestStems.SetTrackMusicAsync(_site.Services, trackId, "Dm", 128);
        var stem = await StemAsync(trackId, "Kick");
        var guitar = await _site.InstrumentIdAsync("Electric Guitar");
        var other = await _site.SignedInClientAsync($"other-{Guid.NewGuid():N}@example.com");

        var response = await owner.PutAsJsonAsync($"/api/stems/{stem}", new
        {
            name = "Riff", instrumentTypeId = guitar, key = "", bpm = 96, license = "cc-by-nc", remixAllowed = false, commercialAllowed = false,
            attributionRequired = true, isDownloadable = false,
        });

        Assert.Equal(200, (int)response.StatusCode);
        var edited = await response.JsonAsync();
        Assert.Equal("Riff", edited.GetProperty("name").GetString());
        Assert.Equal("Electric Guitar", edited.GetProperty("instrument").GetProperty("name").GetString());
        Assert.Equal(("Dm", 96), (edited.GetProperty("key").GetString(), edited.GetProperty("bpm").GetInt32()));
        Assert.Equal("cc-by-nc", edited.GetProperty("license").GetProperty("code").GetString());
        Assert.False(edited.GetProperty("rights").GetProperty("remixAllowed").GetBoolean());
        Assert.False(edited.GetProperty("isDownloadable").GetBoolean());

        var refused = await owner.PutAsJsonAsync($"/api/stems/{stem}", new { instrumentTypeId = 99999, bpm = "fast" });
        var errors = (await refused.ProblemAsync(400, "INVALID_METADATA")).GetProperty("errors");
        Assert.True(errors.TryGetProperty("instrumentTypeId", out _) && errors.TryGetProperty("bpm", out _));
        await (await other.PutAsJsonAsync($"/api/stems/{stem}", new { name = "Mine" })).ProblemAsync(403, "UNAUTHORIZED_ACCESS");
        await (await owner.PutAsJsonAsync($"/api/stems/{stem}", new[] { 1 })).ProblemAsync(400, "VALIDATION_FAILED");
        Assert.Equal("Riff", await _site.WithDbAsync(db => db.Stems.Where(s => s.Id == stem).Select(s => s.Name).FirstAsync()));
    }

    [Fact]
    public async Task Delete_HidesTheStemAndRemovesItsFiles()
    {
        var (owner, trackId) = await OwnerWithTrackAsync();
        var stem = await StemAsync(trackId, "Kick");
        var folder = Path.Combine(_site.DataDirectory, "media", "stems",
            await _site.WithDbAsync(db => db.Stems.Where(s => s.Id == stem).Select(s => s.MediaFolder).FirstAsync()));
        var other = await _site.SignedInClientAsync($"other-{Guid.NewGuid():N}@example.com");

        await (await other.DeleteAsync($"/api/stems/{stem}")).ProblemAsync(403, "UNAUTHORIZED_ACCESS");
        Assert.Equal(204, (int)(await owner.DeleteAsync($"/api/stems/{stem}")).StatusCode);

        await (await owner.GetAsync($"/api/stems/{stem}/stream")).ProblemAsync(404, "STEM_NOT_FOUND");
        await (await owner.DeleteAsync($"/api/stems/{stem}")).ProblemAsync(404, "STEM_NOT_FOUND");
        await Eventually.True("the stem's folder to be removed", () => !Directory.Exists(folder));
        Assert.Equal(0, await _site.WithDbAsync(db => db.StemFiles.CountAsync(f => f.StemId == stem)));
    }

    public void Dispose() => _site.Dispose();
}
