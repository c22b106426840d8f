using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MusicSite.Data;
using MusicSite.Hosting;
using Quartz;

namespace MusicSite.Jobs;

/// <summary>Queues the removal of a deleted track's files (a durable job, so a restart does not forget it).</summary>
public sealed class TrackCleanupQueue(ISchedulerFactory schedulers, TimeProvider clock)
{
    public async Task EnqueueAsync(int trackId, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var job = JobBuilder.Create<TrackCleanupJob>()
            .WithIdentity($"cleanup-track-{trackId}", "tracks")
            .UsingJobData(TrackProcessingQueue.TrackIdKey, trackId)
            .RequestRecovery(true)
            .Build();
        var trigger = TriggerBuilder.Create<TrackCleanupJob>(clock)
            .WithIdentity($"cleanup-track-{trackId}-{Guid.NewGuid():N}", "tracks")
            .ForJob(job).StartNow().Build();
        await scheduler.ScheduleJob(job, trigger, ScheduleJobOptions.Replacing, cancellationToken);
    }
}

/// <summary>Removes every file of a soft-deleted track and of its stems; the row stays for its (anonymised) statistics.</summary>
public sealed class TrackCleanupJob(MusicSiteDbContext db, IOptions<MusicSiteOptions> options, ILogger<TrackCleanupJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        if (TrackProcessingQueue.TrackIdOf(context) is not { } trackId)
        {
            return;
        }
        var track = await db.Tracks.FirstOrDefaultAsync(t => t.Id == trackId && t.DeletedAt != null, cancellationToken);
        if (track is null || string.IsNullOrEmpty(track.MediaFolder))
        {
            return;
        }
        var folder = options.Value.Paths.MediaPath(Path.Combine("tracks", track.MediaFolder));
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
        await db.MediaFiles.Where(m => m.TrackId == trackId).ExecuteDeleteAsync(cancellationToken);
        // The track's stems go with it: deleted as of the track, their files removed.
        await db.Stems.Where(s => s.TrackId == trackId && s.DeletedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.DeletedAt, track.DeletedAt), cancellationToken);
        await StemCleanupJob.RemoveFilesAsync(db, options.Value.Paths, db.Stems.Where(s => s.TrackId == trackId), cancellationToken);
        track.ArtworkPath = null;
        track.WaveformPath = null;
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Removed the files of deleted track {TrackId}", trackId);
    }
}
