using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MusicSite.Media;
using Quartz;

namespace MusicSite.Jobs.History;

/// <summary>
/// Listens to every job the scheduler runs, whatever its group, and records each finished run in the job-run history
/// (<see cref="JobRunHistory"/>). A run's outcome is what the job reported (<see cref="RunReport"/>), else what the
/// scheduler saw: an exception is a failure (a cancelled token a cancellation), a return a success.
/// </summary>
public sealed class JobRunRecorder(IServiceScopeFactory scopes, TimeProvider clock, ILogger<JobRunRecorder> logger) : IJobListener
{
    public string Name => nameof(JobRunRecorder);

    public async ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken)
    {
        try
        {
            var run = Describe(context, jobException, clock.GetUtcNow().UtcDateTime);
            await using var scope = scopes.CreateAsyncScope();
            // Recorded even while the site stops: the run did end, and its record must not be lost with it.
            await scope.ServiceProvider.GetRequiredService<JobRunHistory>().AddAsync(run, CancellationToken.None);
        }
        catch (Exception ex)
        {
            // The history is for people; a failure to write it must never fail the job or the scheduler.
            logger.LogError(ex, "The run of job {Job} could not be recorded", context.JobDetail.Key);
        }
    }

    /// <summary>The history row for a run that ended at <paramref name="endedAt"/>.</summary>
    public static JobRun Describe(IJobExecutionContext context, JobExecutionException? jobException, DateTime endedAt)
    {
        var detail = context.JobDetail;
        var subject = JobSubject.Of(context.MergedJobDataMap);
        var (outcome, error, log) = OutcomeOf(context, jobException);
        return new JobRun
        {
            JobGroup = Cap(detail.Key.Group, 200)!,
            JobName = Cap(detail.Key.Name, 200)!,
            Description = Cap(JobOverview.DescriptionOf(detail), 500),
            FireInstanceId = Cap(context.FireInstanceId, 100) ?? "",
            Node = Cap(context.Scheduler.SchedulerInstanceId, 200) ?? "",
            StartedAt = context.FireTimeUtc.UtcDateTime,
            EndedAt = endedAt,
            Outcome = outcome,
            Error = Cap(error, JobRun.ErrorMaxLength),
            ToolLog = log is null ? null : log.Length > ToolResult.LogCapChars ? log[^ToolResult.LogCapChars..] : log,
            SubjectType = subject?.Type,
            SubjectId = subject?.Id,
        };
    }

    private static (string Outcome, string? Error, string? Log) OutcomeOf(IJobExecutionContext context, JobExecutionException? jobException)
    {
        if (context.Result is RunReport report)
        {
            return (report.Outcome, report.Error, report.ToolLog);
        }
        if (jobException is null && context.Outcome != ExecutionOutcome.Cancelled)
        {
            return (JobOutcomes.Succeeded, null, null);
        }
        // The scheduler wraps what the job threw (once or twice); the innermost exception says what went wrong.
        var cause = jobException?.GetBaseException();
        if (cause is OperationCanceledException || context.Outcome == ExecutionOutcome.Cancelled)
        {
            return (JobOutcomes.Cancelled, "The run was stopped before it finished.", null);
        }
        return (JobOutcomes.Failed, cause?.Message ?? "The job failed.", (cause as MediaToolException)?.ToolLog);
    }

    private static string? Cap(string? text, int max) => text is null || text.Length <= max ? text : text[..max];
}
