using Microsoft.EntityFrameworkCore;
using MusicSite.Catalog;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Tracks;

[Trait("Category", "Slow")]
public sealed class ProcessingFaultTests : IDisposable
{
    private readonly TempDirectory _files = new("musicsite-fault");
    private readonly TempDirectory _data = new("musicsite-fault-data");

    [Fact]
    public async Task MissingFfmpeg_RetriesABoundedNumberOfTimes_ThenFailsWithAReason_KeepingTheOriginal()
    {
        using var site = new MusicSiteFactory(_data).WithAdmin();
        site.Settings["Media:FfmpegPath"] = "/nonexistent/ffmpeg";
        site.Settings["Processing:MaxAttempts"] = "2";
        site.Settings["Processing:RetryDelaySeconds"] = "1";
        var client = await site.ArtistClientAsync();

        var id = (await client.UploadAsync(MediaFixtures.Audio(_files.Path, "flac", 2))).GetProperty("id").GetInt32();
        var track = await client.WaitForProcessingAsync(id, seconds: 60);

        var processing = track.GetProperty("processing");
        Assert.Equal("failed", processing.GetProperty("state").GetString());
        Assert.Equal(2, processing.GetProperty("attempts").GetInt32());
        Assert.Contains("could not be started", processing.GetProperty("error").GetString());
        await (await client.GetAsync($"/api/music/stream/{id}")).ProblemAsync(422, "TRACK_PROCESSING_FAILED");
        var original = await site.WithDbAsync(db => db.MediaFiles.Where(m => m.TrackId == id).Select(m => m.RelativePath).SingleAsync());
        Assert.True(File.Exists(Path.Combine(_data.Path, "media", original)));
        // The checks' details are for admins (security finding 8).
        var health = await (await (await site.AdminClientAsync()).GetAsync("/healthz")).JsonAsync();
        Assert.Equal("Unhealthy", health.GetProperty("checks").GetProperty("ffmpeg").GetProperty("status").GetString());
    }

    [Fact]
    public async Task UnfinishedWork_IsPickedUpAgainOnTheNextStart()
    {
        int waiting, interrupted;
        using (var broken = new MusicSiteFactory(_data))
        {
            // The first run fails and schedules its retry an hour away, as a crash would leave it.
            broken.Settings["Media:FfmpegPath"] = "/nonexistent/ffmpeg";
            broken.Settings["Processing:RetryDelaySeconds"] = "3600";
            var client = await broken.ArtistClientAsync();
            waiting = (await client.UploadAsync(MediaFixtures.Audio(_files.Path, "wav", 2))).GetProperty("id").GetInt32();
            interrupted = (await client.UploadAsync(MediaFixtures.Audio(_files.Path, "mp3", 2))).GetProperty("id").GetInt32();
            await Eventually.Until("both tracks to have made a first attempt",
                () => broken.WithDbAsync(db => db.Tracks.CountAsync(t => t.ProcessingAttempts >= 1)), count => count >= 2,
                describe: count => $"{count} tracks attempted");
            // And one track looks as if the process died mid-job, with a half-written file beside it.
            var folder = await broken.WithDbAsync(async db =>
            {
                var track = await db.Tracks.SingleAsync(t => t.Id == interrupted);
                track.State = TrackState.Processing;
                track.ProcessingStep = "variants";
                await db.SaveChangesAsync();
                return track.MediaFolder;
            });
            await File.WriteAllTextAsync(Path.Combine(_data.Path, "media", "tracks", folder, "high.mp3.tmp-dead.mp3"), "half");
        }

        using var fixedSite = new MusicSiteFactory(_data);
        _ = fixedSite.Server; // starting the site is what queues the unfinished tracks again

        foreach (var id in new[] { waiting, interrupted })
        {
            await Eventually.Until($"track {id} to be ready after the restart",
                () => fixedSite.WithDbAsync(db => db.Tracks.Where(t => t.Id == id).Select(t => t.State).SingleAsync()),
                state => state == TrackState.Ready, TimeSpan.FromSeconds(90));
        }
        var leftovers = Directory.GetFiles(Path.Combine(_data.Path, "media", "tracks"), "*.tmp*", SearchOption.AllDirectories);
        Assert.Empty(leftovers);
    }

    public void Dispose()
    {
        _files.Dispose();
        _data.Dispose();
    }
}
