using Microsoft.EntityFrameworkCore;
using MusicSite.Catalog;
using MusicSite.Data;
using Quartz;

namespace MusicSite.Jobs;

/// <summary>Puts tracks on the durable job queue (Quartz, persisted in jobs.db).</summary>
public sealed class TrackProcessingQueue(ISchedulerFactory schedulers, MusicSiteDbContext db, TimeProvider clock)
{
    public const string TrackIdKey = "trackId";

    public static JobKey JobKeyFor(int trackId) => new($"process-track-{trackId}", "tracks");

    /// <summary>The track a job is for; job data comes back as a JSON element from the persistent store.</summary>
    public static int? TrackIdOf(IJobExecutionContext context) =>
        History.JobSubject.IdOf(context.MergedJobDataMap, TrackIdKey);

    /// <summary>Schedules processing after <paramref name="delay"/>, replacing any earlier schedule of it.</summary>
    public async Task EnqueueAsync(int trackId, TimeSpan delay, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var job = JobBuilder.Create<ProcessTrackJob>()
            .WithIdentity(JobKeyFor(trackId))
            .UsingJobData(TrackIdKey, trackId)
            // A node that dies mid-job hands the job to the next start, which runs it again.
            .RequestRecovery(true)
            // Two schedules of one track (a retry, an admin's re-run) never run at the same time.
            .DisallowConcurrentExecution(true)
            .Build();
        var trigger = TriggerBuilder.Create<ProcessTrackJob>(clock)
            // A fresh trigger key each time: the run that schedules its own retry completes its old trigger,
            // and must not take the new one with it.
            .WithIdentity($"process-track-{trackId}-{Guid.NewGuid():N}", "tracks")
            .ForJob(job)
            .StartAt(clock.GetUtcNow() + delay)
            .Build();
        await scheduler.ScheduleJob(job, trigger, ScheduleJobOptions.Replacing, cancellationToken);
    }

    /// <summary>Processes a track again from its original (an admin's re-run): back to pending with a fresh
    /// attempt count, then queued. False when there is no such track.</summary>
    public async Task<bool> ReprocessAsync(int trackId, CancellationToken cancellationToken)
    {
        var track = await db.Tracks.FirstOrDefaultAsync(t => t.Id == trackId && t.DeletedAt == null, cancellationToken);
        if (track is null)
        {
            return false;
        }
        ProcessingStates.Requeue(track, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
        await EnqueueAsync(trackId, TimeSpan.Zero, cancellationToken);
        return true;
    }

    /// <summary>At start-up: anything still pending or processing (a crash, a stop mid-job) is queued again.</summary>
    public async Task<int> ResumeUnfinishedAsync(CancellationToken cancellationToken)
    {
        var unfinished = await db.Tracks
            .Where(t => t.DeletedAt == null && (t.State == TrackState.Pending || t.State == TrackState.Processing))
            .Select(t => t.Id).ToListAsync(cancellationToken);
        foreach (var id in unfinished)
        {
            await EnqueueAsync(id, TimeSpan.Zero, cancellationToken);
        }
        return unfinished.Count;
    }
}
