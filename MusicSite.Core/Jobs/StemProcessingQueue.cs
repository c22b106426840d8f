using Microsoft.EntityFrameworkCore;
using MusicSite.Catalog;
using MusicSite.Data;
using Quartz;

namespace MusicSite.Jobs;

/// <summary>Puts stems on the durable job queue (Quartz, persisted in jobs.db), in their own job group.</summary>
public sealed class StemProcessingQueue(ISchedulerFactory schedulers, MusicSiteDbContext db, TimeProvider clock)
{
    public const string StemIdKey = "stemId";
    public const string Group = "stems";

    public static JobKey JobKeyFor(int stemId) => new($"process-stem-{stemId}", Group);

    /// <summary>The stem a job is for; job data comes back as a JSON element from the persistent store.</summary>
    public static int? StemIdOf(IJobExecutionContext context) =>
        History.JobSubject.IdOf(context.MergedJobDataMap, StemIdKey);

    /// <summary>Schedules processing after <paramref name="delay"/>, replacing any earlier schedule of it.</summary>
    public async Task EnqueueAsync(int stemId, TimeSpan delay, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var job = JobBuilder.Create<ProcessStemJob>()
            .WithIdentity(JobKeyFor(stemId))
            .UsingJobData(StemIdKey, stemId)
            .RequestRecovery(true)
            .DisallowConcurrentExecution(true)
            .Build();
        // A fresh trigger key each time, as for tracks: a run that schedules its own retry must not lose it.
        var trigger = TriggerBuilder.Create<ProcessStemJob>(clock)
            .WithIdentity($"process-stem-{stemId}-{Guid.NewGuid():N}", Group)
            .ForJob(job)
            .StartAt(clock.GetUtcNow() + delay)
            .Build();
        await scheduler.ScheduleJob(job, trigger, ScheduleJobOptions.Replacing, cancellationToken);
    }

    /// <summary>Processes a stem again from its original (an admin's retry): back to pending with a fresh attempt
    /// count, then queued. False when there is no such stem.</summary>
    public async Task<bool> ReprocessAsync(int stemId, CancellationToken cancellationToken)
    {
        var stem = await db.Stems.FirstOrDefaultAsync(s => s.Id == stemId && s.DeletedAt == null, cancellationToken);
        if (stem is null)
        {
            return false;
        }
        ProcessingStates.Requeue(stem, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
        await EnqueueAsync(stemId, TimeSpan.Zero, cancellationToken);
        return true;
    }

    /// <summary>At start-up: stems still pending or processing (a crash, a stop mid-job) are queued again.</summary>
    public async Task<int> ResumeUnfinishedAsync(CancellationToken cancellationToken)
    {
        var unfinished = await db.Stems
            .Where(s => s.DeletedAt == null && (s.State == TrackState.Pending || s.State == TrackState.Processing))
            .Select(s => s.Id).ToListAsync(cancellationToken);
        foreach (var id in unfinished)
        {
            await EnqueueAsync(id, TimeSpan.Zero, cancellationToken);
        }
        return unfinished.Count;
    }
}
