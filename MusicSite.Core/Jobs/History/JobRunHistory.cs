using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MusicSite.Common;
using MusicSite.Data;
using MusicSite.Hosting;

namespace MusicSite.Jobs.History;

/// <summary>The job-run history: written by <see cref="JobRunRecorder"/>, read by the admin's jobs page, and kept
/// bounded: every recording prunes runs older than <see cref="ProcessingOptions.JobHistoryDays"/> and beyond the
/// newest <see cref="ProcessingOptions.JobHistoryMaxRows"/>.</summary>
public sealed class JobRunHistory(MusicSiteDbContext db, IOptions<ProcessingOptions> options, TimeProvider clock)
{
    public async Task AddAsync(JobRun run, CancellationToken cancellationToken)
    {
        db.JobRuns.Add(run);
        await db.SaveChangesAsync(cancellationToken);
        await PruneAsync(cancellationToken);
    }

    /// <summary>Removes what the retention no longer keeps; returns how many runs went.</summary>
    public async Task<int> PruneAsync(CancellationToken cancellationToken)
    {
        var cutoff = clock.GetUtcNow().UtcDateTime.AddDays(-Math.Max(1, options.Value.JobHistoryDays));
        var removed = await db.JobRuns.Where(r => r.StartedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
        var keep = Math.Max(1, options.Value.JobHistoryMaxRows);
        var oldestKept = await db.JobRuns.OrderByDescending(r => r.Id).Skip(keep - 1).Select(r => (long?)r.Id).FirstOrDefaultAsync(cancellationToken);
        if (oldestKept is { } id)
        {
            removed += await db.JobRuns.Where(r => r.Id < id).ExecuteDeleteAsync(cancellationToken);
        }
        return removed;
    }

    /// <summary>Runs newest first, without their logs.</summary>
    public async Task<(IReadOnlyList<JobRun> Items, int Total)> ListAsync(int page, int limit, CancellationToken cancellationToken)
    {
        var total = await db.JobRuns.CountAsync(cancellationToken);
        var items = await db.JobRuns.AsNoTracking().OrderByDescending(r => r.Id)
            .Skip(Paging.Offset(page, limit)).Take(limit)
            .Select(WithoutLog).ToListAsync(cancellationToken);
        return (items, total);
    }

    public Task<JobRun?> FindAsync(long id, CancellationToken cancellationToken) =>
        db.JobRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);

    /// <summary>The newest failed run of each subject in <paramref name="subjects"/>, by subject.</summary>
    public async Task<IReadOnlyDictionary<JobSubject, JobRun>> LatestFailuresAsync(IReadOnlyCollection<JobSubject> subjects,
        CancellationToken cancellationToken)
    {
        if (subjects.Count == 0)
        {
            return new Dictionary<JobSubject, JobRun>();
        }
        var ids = subjects.Select(s => s.Id).Distinct().ToList();
        var runs = await db.JobRuns.AsNoTracking()
            .Where(r => r.Outcome != JobOutcomes.Succeeded && r.SubjectId != null && ids.Contains(r.SubjectId.Value))
            .OrderByDescending(r => r.Id).Select(WithoutLog).ToListAsync(cancellationToken);
        var wanted = subjects.ToHashSet();
        return runs.Where(r => r.Subject is { } s && wanted.Contains(s))
            .GroupBy(r => r.Subject!).ToDictionary(g => g.Key, g => g.First());
    }

    /// <summary>Jobs about no one subject (backups, cleanups of other kinds) whose latest run failed: newest first.</summary>
    public async Task<IReadOnlyList<JobRun>> FailedOtherJobsAsync(int limit, CancellationToken cancellationToken)
    {
        var latest = db.JobRuns.Where(r => r.SubjectType == null)
            .GroupBy(r => new { r.JobGroup, r.JobName }).Select(g => g.Max(r => r.Id));
        return await db.JobRuns.AsNoTracking()
            .Where(r => latest.Contains(r.Id) && r.Outcome == JobOutcomes.Failed)
            .OrderByDescending(r => r.Id).Take(limit).Select(WithoutLog).ToListAsync(cancellationToken);
    }

    /// <summary>A run for lists: the log is left in the database (an empty one stands for "has a log").</summary>
    private static readonly System.Linq.Expressions.Expression<Func<JobRun, JobRun>> WithoutLog = r => new JobRun
    {
        Id = r.Id, JobGroup = r.JobGroup, JobName = r.JobName, Description = r.Description, FireInstanceId = r.FireInstanceId,
        Node = r.Node, StartedAt = r.StartedAt, EndedAt = r.EndedAt, Outcome = r.Outcome, Error = r.Error,
        SubjectType = r.SubjectType, SubjectId = r.SubjectId, ToolLog = r.ToolLog == null ? null : "",
    };
}
