using Microsoft.EntityFrameworkCore;
using MusicSite.Admin;
using MusicSite.Catalog;
using MusicSite.Common;
using MusicSite.Data;
using Quartz;

namespace MusicSite.Jobs.History;

/// <summary>What to retry: a recorded run, or a track or stem (its processing job).</summary>
public sealed record JobRetryRequest(long? RunId, string? SubjectType, int? SubjectId);

/// <summary>What to cancel: a job by its scheduler key.</summary>
public sealed record JobCancelRequest(string? Group, string? Name);

public sealed record JobRetried(string JobGroup, string JobName, JobSubject? Subject);

public sealed record JobCancelled(string JobGroup, string JobName, int Unscheduled, int Interrupted, JobSubject? Subject);

/// <summary>
/// An admin's control of the scheduler: retry (a track or stem is processed again from its original, any other job is
/// fired now) and cancel (one-off triggers are unscheduled, running firings interrupted; a recurring schedule is kept).
/// A stopped track or stem ends Failed by <see cref="ProcessingStop"/>. Each action is audited (job.retry, job.cancel).
/// </summary>
public sealed class JobControl(
    ISchedulerFactory schedulers,
    MusicSiteDbContext db,
    JobRunHistory history,
    TrackProcessingQueue tracks,
    StemProcessingQueue stems,
    ProcessingStop stop,
    AuditLog audit)
{
    public async Task<ServiceResult<JobRetried>> RetryAsync(JobRetryRequest request, AuditActor actor, CancellationToken cancellationToken)
    {
        JobSubject? subject;
        JobKey key;
        if (request.RunId is { } runId)
        {
            if (await history.FindAsync(runId, cancellationToken) is not { } run)
            {
                return ServiceResult<JobRetried>.Invalid("runId", "No job run has this id.", ErrorCodes.JobNotFound);
            }
            subject = run.Subject;
            key = new JobKey(run.JobName, run.JobGroup);
        }
        else if (JobSubject.IsKnownType(request.SubjectType) && request.SubjectId is > 0)
        {
            subject = new JobSubject(request.SubjectType!, request.SubjectId.Value);
            key = JobOverview.JobKeyOf(subject);
        }
        else
        {
            return ServiceResult<JobRetried>.Invalid("runId",
                "Name the run to retry (runId), or the track or stem (subjectType \"track\" or \"stem\", and subjectId).");
        }

        if (subject is not null)
        {
            var state = await StateOfAsync(subject, cancellationToken);
            if (state is null)
            {
                return ServiceResult<JobRetried>.Invalid("subjectId", $"No {subject.Type} has this id.", ErrorCodes.JobNotFound);
            }
            if (state == TrackState.Processing)
            {
                return ServiceResult<JobRetried>.Invalid("subjectId", $"The {subject.Type} is being processed now.", ErrorCodes.JobNotRetryable);
            }
            // Saved by the reprocess's own SaveChanges, with the state change it records.
            audit.Record(actor, "job.retry", "Job", EntityId(key, subject), new { state = state.ToString() }, new { state = nameof(TrackState.Pending) });
            var queued = subject.Type == JobSubject.Track
                ? await tracks.ReprocessAsync(subject.Id, cancellationToken)
                : await stems.ReprocessAsync(subject.Id, cancellationToken);
            return queued
                ? ServiceResult<JobRetried>.Ok(new JobRetried(key.Group, key.Name, subject))
                : ServiceResult<JobRetried>.Invalid("subjectId", $"No {subject.Type} has this id.", ErrorCodes.JobNotFound);
        }

        var scheduler = await schedulers.GetScheduler(cancellationToken);
        if (!await scheduler.Exists(key, cancellationToken))
        {
            return ServiceResult<JobRetried>.Invalid("runId",
                "The scheduler no longer has this job (a one-off job is removed after its run), so it cannot be run again from here.",
                ErrorCodes.JobNotRetryable);
        }
        await scheduler.TriggerJob(key, cancellationToken);
        audit.Record(actor, "job.retry", "Job", EntityId(key, null), null, new { triggered = true });
        await db.SaveChangesAsync(cancellationToken);
        return ServiceResult<JobRetried>.Ok(new JobRetried(key.Group, key.Name, null));
    }

    public async Task<ServiceResult<JobCancelled>> CancelAsync(JobCancelRequest request, AuditActor actor, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Group) || string.IsNullOrWhiteSpace(request.Name) || request.Group.Length > 200 || request.Name.Length > 200)
        {
            return ServiceResult<JobCancelled>.Invalid("name", "Name the job to cancel by its group and name (up to 200 characters each).");
        }
        var key = new JobKey(request.Name, request.Group);
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var detail = await scheduler.GetJobDetail(key, cancellationToken);
        var running = (await scheduler.QueryFireInstances(new FireInstanceQuery { Job = key, Take = 100 }, cancellationToken)).Items;
        if (detail is null && running.Count == 0)
        {
            return ServiceResult<JobCancelled>.Invalid("name", "The scheduler has no such job.", ErrorCodes.JobNotFound);
        }

        var triggers = (await scheduler.QueryTriggers(new TriggerQuery { Job = key, Take = 100 }, cancellationToken)).Items
            .Where(t => t.NextFireTimeUtc is not null).ToList();
        int unscheduled = 0, recurring = 0, interrupted = 0;
        foreach (var header in triggers)
        {
            var trigger = await scheduler.GetTrigger(header.Key, cancellationToken);
            if (trigger?.GetFireTimeAfter(header.NextFireTimeUtc) is not null)
            {
                recurring++;
                continue;
            }
            unscheduled += await scheduler.UnscheduleJob(header.Key, cancellationToken) ? 1 : 0;
        }
        foreach (var firing in running)
        {
            interrupted += await scheduler.InterruptFireInstance(firing.FireInstanceId, cancellationToken) ? 1 : 0;
        }
        if (unscheduled == 0 && interrupted == 0)
        {
            return ServiceResult<JobCancelled>.Invalid("name", recurring > 0
                ? "This job runs on a recurring schedule, which is kept; only a run in progress can be cancelled."
                : "Nothing of this job is pending or running.", ErrorCodes.JobNotCancellable);
        }

        var subject = detail is null ? null : JobSubject.Of(detail.JobDataMap);
        audit.Record(actor, "job.cancel", "Job", EntityId(key, subject),
            new { pending = triggers.Count, running = running.Count }, new { unscheduled, interrupted });
        if (subject is not null)
        {
            // Saves the audit entry with the state change.
            await stop.StopAsync(subject, RunReport.CancelledByAdmin, cancellationToken);
        }
        else
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        return ServiceResult<JobCancelled>.Ok(new JobCancelled(key.Group, key.Name, unscheduled, interrupted, subject));
    }

    private async Task<TrackState?> StateOfAsync(JobSubject subject, CancellationToken cancellationToken) =>
        subject.Type == JobSubject.Track
            ? await db.Tracks.Where(t => t.Id == subject.Id && t.DeletedAt == null).Select(t => (TrackState?)t.State).FirstOrDefaultAsync(cancellationToken)
            : await db.Stems.Where(s => s.Id == subject.Id && s.DeletedAt == null).Select(s => (TrackState?)s.State).FirstOrDefaultAsync(cancellationToken);

    /// <summary>The audit entry's entity id: the subject ("track:12") or the job key, within the column's 40 characters.</summary>
    private static string EntityId(JobKey key, JobSubject? subject)
    {
        var id = subject is null ? $"{key.Group}.{key.Name}" : $"{subject.Type}:{subject.Id}";
        return id.Length <= 40 ? id : id[..40];
    }
}
