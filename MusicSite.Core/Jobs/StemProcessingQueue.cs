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
        context.MergedJobDataMap.TryGetValue(StemIdKey, out var value)
            ? value is System.Text.Json.JsonElement json ? json.GetInt32() : Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture)
            : null;

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
