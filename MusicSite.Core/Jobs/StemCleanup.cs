using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MusicSite.Attribution;
using MusicSite.Data;
using MusicSite.Hosting;
using Quartz;

namespace MusicSite.Jobs;

/// <summary>Queues the removal of a deleted stem's files (a durable job, so a restart does not forget it).</summary>
public sealed class StemCleanupQueue(ISchedulerFactory schedulers, TimeProvider clock)
{
    public async Task EnqueueAsync(int stemId, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var job = JobBuilder.Create<StemCleanupJob>()
            .WithIdentity($"cleanup-stem-{stemId}", StemProcessingQueue.Group)
            .UsingJobData(StemProcessingQueue.StemIdKey, stemId)
            .RequestRecovery(true)
            .Build();
        var trigger = TriggerBuilder.Create<StemCleanupJob>(clock)
            .WithIdentity($"cleanup-stem-{stemId}-{Guid.NewGuid():N}", StemProcessingQueue.Group)
            .ForJob(job).StartNow().Build();
        await scheduler.ScheduleJob(job, trigger, ScheduleJobOptions.Replacing, cancellationToken);
    }
}

/// <summary>Removes every file of a soft-deleted stem; the row stays (its id may still be named in the lineage, as
/// "a removed work").</summary>
public sealed class StemCleanupJob(MusicSiteDbContext db, IOptions<MusicSiteOptions> options, ILogger<StemCleanupJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        if (StemProcessingQueue.StemIdOf(context) is not { } stemId)
        {
            return;
        }
        await RemoveFilesAsync(db, options.Value.Paths, db.Stems.Where(s => s.Id == stemId && s.DeletedAt != null), cancellationToken);
        logger.LogInformation("Removed the files of deleted stem {StemId}", stemId);
    }

    /// <summary>The one way a deleted stem's media goes: its folder, its file rows and its waveform path. A processing
    /// run that is still under way finds the stem deleted at its next step and writes nothing more that stays.</summary>
    internal static async Task RemoveFilesAsync(MusicSiteDbContext db, DataPaths paths, IQueryable<Stem> deleted,
        CancellationToken cancellationToken)
    {
        var stems = await deleted.ToListAsync(cancellationToken);
        foreach (var stem in stems.Where(s => s.MediaFolder.Length > 0))
        {
            var folder = paths.MediaPath(StemMedia.FolderOf(stem.MediaFolder));
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
            stem.WaveformPath = null;
        }
        var ids = stems.Select(s => s.Id).ToList();
        await db.StemFiles.Where(f => ids.Contains(f.StemId)).ExecuteDeleteAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }
}
