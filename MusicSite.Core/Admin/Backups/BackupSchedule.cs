using Microsoft.Extensions.Options;
using Quartz;

namespace MusicSite.Admin.Backups;

/// <summary>
/// Keeps the daily backup's one trigger in the persistent job store: a fixed job and trigger key, replaced only when
/// the configured hour changed, so any number of starts (or nodes) leave exactly one schedule.
/// </summary>
public sealed class BackupSchedule(ISchedulerFactory schedulers, IOptions<BackupOptions> options)
{
    public static readonly JobKey JobKey = new("daily-backup", "backups");
    public static readonly TriggerKey TriggerKey = new("daily-backup", "backups");

    public string? CronExpression => options.Value.DailyEnabled ? $"0 0 {options.Value.DailyHourUtc} * * ?" : null;

    public async Task EnsureAsync(CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        if (CronExpression is not { } cron)
        {
            await scheduler.DeleteJob(JobKey, cancellationToken);
            return;
        }
        if (await scheduler.GetTrigger(TriggerKey, cancellationToken) is ICronTrigger existing
            && existing.CronExpressionString == cron && existing.TimeZone.Id == TimeZoneInfo.Utc.Id)
        {
            return;
        }
        var job = JobBuilder.Create<BackupJob>().WithIdentity(JobKey).StoreDurably().Build();
        var trigger = TriggerBuilder.Create()
            .WithIdentity(TriggerKey)
            .ForJob(JobKey)
            // A day missed while the site was down is made up once when it starts again.
            .WithCronSchedule(cron, c => c.InTimeZone(TimeZoneInfo.Utc).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed))
            .Build();
        await scheduler.ScheduleJob(job, [trigger], ScheduleJobOptions.Replacing, cancellationToken);
    }

    /// <summary>When the daily backup runs next; null when it is off.</summary>
    public async Task<DateTimeOffset?> NextRunAsync(CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        return (await scheduler.GetTrigger(TriggerKey, cancellationToken))?.NextFireTimeUtc;
    }
}
