using Microsoft.EntityFrameworkCore;
using MusicSite.Catalog;
using MusicSite.Data;
using Quartz;

namespace MusicSite.Jobs.History;

/// <summary>A trigger waiting to fire.</summary>
public sealed record PendingJob(string TriggerGroup, string TriggerName, string JobGroup, string JobName, string? Description,
    DateTime? NextFireAt, string State, JobSubject? Subject);

/// <summary>A run executing now, on any node sharing the job store.</summary>
public sealed record RunningJob(string FireInstanceId, string JobGroup, string JobName, string? Description, string Node,
    DateTime StartedAt, int? Progress, bool InterruptRequested, JobSubject? Subject);

/// <summary>Something failed: a track or stem in the Failed state (with its latest failed or cancelled run, if the
/// history still has it), or a job about no one subject whose latest run failed.</summary>
public sealed record FailedJob(string JobGroup, string JobName, string Description, JobSubject? Subject, string? SubjectName,
    string? Error, DateTime At, long? RunId);

/// <summary>What /admin/jobs shows: the first <see cref="JobOverview.ListCap"/> pending, running and failed, and one page of history.</summary>
public sealed record JobsOverview(IReadOnlyList<PendingJob> Pending, int PendingTotal, IReadOnlyList<RunningJob> Running,
    IReadOnlyList<FailedJob> Failed, IReadOnlyList<JobRun> History, int HistoryTotal);

/// <summary>Reads the scheduler (pending triggers, executing firings) and the site's own records (failed tracks and
/// stems, the job-run history) into one overview. Lists every job generically, by group, name and description.</summary>
public sealed class JobOverview(ISchedulerFactory schedulers, MusicSiteDbContext db, JobRunHistory history)
{
    public const int ListCap = 200;
    /// <summary>How many triggers are read to find the soonest pending ones (the store returns them by key, not time).</summary>
    private const int TriggerScan = 2000;

    public async Task<JobsOverview> ReadAsync(int historyPage, int historyLimit, CancellationToken cancellationToken)
    {
        var (pending, pendingTotal, running) = await ScheduledAsync(null, cancellationToken);
        var (page, total) = await history.ListAsync(historyPage, historyLimit, cancellationToken);
        return new JobsOverview(pending, pendingTotal, running, await FailedAsync(cancellationToken), page, total);
    }

    /// <summary>What is pending and running of one job (for the confirmation of a cancel).</summary>
    public async Task<(IReadOnlyList<PendingJob> Pending, IReadOnlyList<RunningJob> Running)> OfJobAsync(JobKey job,
        CancellationToken cancellationToken)
    {
        var (pending, _, running) = await ScheduledAsync(job, cancellationToken);
        return (pending, running);
    }

    private async Task<(IReadOnlyList<PendingJob> Pending, int PendingTotal, IReadOnlyList<RunningJob> Running)> ScheduledAsync(
        JobKey? job, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var triggers = await scheduler.QueryTriggers(new TriggerQuery { Job = job, Take = TriggerScan, IncludeTotalCount = true }, cancellationToken);
        var waiting = triggers.Items.Where(t => t.NextFireTimeUtc is not null)
            .OrderBy(t => t.NextFireTimeUtc).ThenBy(t => t.Key.Group).ThenBy(t => t.Key.Name).ToList();
        var firings = await scheduler.QueryFireInstances(new FireInstanceQuery { Job = job, Take = ListCap }, cancellationToken);
        var running = firings.Items.Where(f => f.JobKey is not null).ToList();

        var keys = waiting.Take(ListCap).Select(t => t.JobKey).Concat(running.Select(f => f.JobKey!)).Distinct().ToList();
        var details = keys.Count == 0 ? [] : (await scheduler.GetJobDetails(keys, cancellationToken)).ToDictionary(d => d.Key);

        var pending = waiting.Take(ListCap).Select(t =>
        {
            var detail = details.GetValueOrDefault(t.JobKey);
            return new PendingJob(t.Key.Group, t.Key.Name, t.JobKey.Group, t.JobKey.Name, DescriptionOf(detail),
                t.NextFireTimeUtc?.UtcDateTime, t.State.ToString(), detail is null ? null : JobSubject.Of(detail.JobDataMap));
        }).ToList();
        var executing = running.Select(f =>
        {
            var detail = details.GetValueOrDefault(f.JobKey!);
            return new RunningJob(f.FireInstanceId, f.JobKey!.Group, f.JobKey.Name, DescriptionOf(detail), f.SchedulerInstanceId,
                f.FireTimeUtc.UtcDateTime, f.Progress, f.InterruptRequestedUtc is not null,
                detail is null ? null : JobSubject.Of(detail.JobDataMap));
        }).ToList();
        // Past the scan, the store's count stands in (it may include a finished one-off trigger or two).
        return (pending, triggers.HasMore ? triggers.TotalCount ?? waiting.Count : waiting.Count, executing);
    }

    private async Task<IReadOnlyList<FailedJob>> FailedAsync(CancellationToken cancellationToken)
    {
        var tracks = await db.Tracks.AsNoTracking().Where(t => t.State == TrackState.Failed && t.DeletedAt == null)
            .OrderByDescending(t => t.UpdatedAt).Take(ListCap)
            .Select(t => new { t.Id, Name = t.Title, t.ProcessingError, t.UpdatedAt }).ToListAsync(cancellationToken);
        var stems = await db.Stems.AsNoTracking().Where(s => s.State == TrackState.Failed && s.DeletedAt == null)
            .OrderByDescending(s => s.UpdatedAt).Take(ListCap)
            .Select(s => new { s.Id, s.Name, s.ProcessingError, s.UpdatedAt }).ToListAsync(cancellationToken);
        var subjects = tracks.Select(t => (Subject: new JobSubject(JobSubject.Track, t.Id), t.Name, t.ProcessingError, t.UpdatedAt))
            .Concat(stems.Select(s => (Subject: new JobSubject(JobSubject.Stem, s.Id), s.Name, s.ProcessingError, s.UpdatedAt)))
            .ToList();
        var runs = await history.LatestFailuresAsync(subjects.Select(s => s.Subject).ToList(), cancellationToken);

        var failed = subjects.Select(s =>
        {
            var key = JobKeyOf(s.Subject);
            var run = runs.GetValueOrDefault(s.Subject);
            return new FailedJob(key.Group, key.Name, run?.Description ?? (s.Subject.Type == JobSubject.Track ? nameof(ProcessTrackJob) : nameof(ProcessStemJob)),
                s.Subject, s.Name, s.ProcessingError, s.UpdatedAt, run?.Id);
        }).ToList();
        failed.AddRange((await history.FailedOtherJobsAsync(ListCap, cancellationToken))
            .Select(r => new FailedJob(r.JobGroup, r.JobName, r.Description ?? r.JobName, null, null, r.Error, r.EndedAt, r.Id)));
        return failed.OrderByDescending(f => f.At).ToList();
    }

    /// <summary>The processing job of a track or stem.</summary>
    public static JobKey JobKeyOf(JobSubject subject) =>
        subject.Type == JobSubject.Stem ? StemProcessingQueue.JobKeyFor(subject.Id) : TrackProcessingQueue.JobKeyFor(subject.Id);

    /// <summary>How a job is described to people: its own description, else its class name.</summary>
    public static string? DescriptionOf(IJobDetail? detail) =>
        detail is null ? null : string.IsNullOrWhiteSpace(detail.Description) ? detail.JobType.Type.Name : detail.Description;
}
