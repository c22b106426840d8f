using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MusicSite.Data;
using MusicSite.Hosting;
using MusicSite.Jobs.History;
using MusicSite.Tests.Infrastructure;
using Quartz;

namespace MusicSite.Tests.Jobs;

public sealed class JobRunHistoryTests(CoreServicesFixture core) : IClassFixture<CoreServicesFixture>
{
    [Fact]
    public async Task AddAsync_PrunesRunsPastTheRetentionAndBeyondTheRowCap()
    {
        await using var scope = core.Scope();
        var db = scope.ServiceProvider.GetRequiredService<MusicSiteDbContext>();
        await db.JobRuns.ExecuteDeleteAsync();
        var clock = new ManualClock();
        var now = clock.GetUtcNow().UtcDateTime;
        var history = new JobRunHistory(db, Options.Create(new ProcessingOptions { JobHistoryDays = 30, JobHistoryMaxRows = 4 }), clock);
        db.JobRuns.AddRange(Run("old-1", now.AddDays(-45)), Run("old-2", now.AddDays(-31)));
        db.JobRuns.AddRange(Enumerable.Range(1, 4).Select(i => Run($"recent-{i}", now.AddDays(-5).AddHours(i))));
        await db.SaveChangesAsync();

        await history.AddAsync(Run("newest", now), CancellationToken.None);

        var kept = await db.JobRuns.OrderBy(r => r.Id).Select(r => r.JobName).ToListAsync();
        Assert.Equal(["recent-2", "recent-3", "recent-4", "newest"], kept);
    }

    private static JobRun Run(string name, DateTime startedAt) => new()
    {
        JobGroup = "test", JobName = name, FireInstanceId = name, Node = "node", StartedAt = startedAt, EndedAt = startedAt.AddSeconds(1),
        Outcome = JobOutcomes.Succeeded,
    };
}

/// <summary>Jobs of any kind are recorded and listed, not only processing: a failing job of another group is listed
/// as failed with its error, and retried by firing it again while the scheduler still has it.</summary>
public sealed class OtherJobsTests : IDisposable
{
    private readonly TempDirectory _data = new("musicsite-otherjobs");

    [Fact]
    public async Task AnyJob_IsRecordedListedAsFailedAndRetriedByFiringItAgain()
    {
        using var site = new MusicSiteFactory(_data).WithAdmin();
        var api = await site.AdminClientAsync();
        var scheduler = await site.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var key = new JobKey("nightly-chore", "chores");
        await scheduler.AddJob(JobBuilder.Create<FailingChore>().WithIdentity(key).WithDescription("A chore that fails").StoreDurably().Build(),
            AddJobOptions.Replacing);
        await scheduler.TriggerJob(key);

        var failed = await Eventually.Until("the chore to be listed as failed", async () => (await (await api.GetAsync("/api/admin/jobs")).JsonAsync())
            .GetProperty("failed").EnumerateArray().Where(f => f.GetProperty("jobName").GetString() == "nightly-chore").ToList(), f => f.Count == 1);
        Assert.Equal("The chore broke.", failed[0].GetProperty("error").GetString());
        Assert.Equal("A chore that fails", failed[0].GetProperty("description").GetString());
        Assert.Equal(JsonValueKind.Null, failed[0].GetProperty("subject").ValueKind);

        var retried = await api.PostAsJsonAsync("/api/admin/jobs/retry", new { runId = failed[0].GetProperty("runId").GetInt64() });
        Assert.Equal(202, (int)retried.StatusCode);
        await Eventually.Until("a second run", () => site.WithDbAsync(db => db.JobRuns.CountAsync(r => r.JobName == "nightly-chore")), n => n == 2);
        Assert.Equal("chores.nightly-chore", (await site.WithDbAsync(db => db.AuditEntries.SingleAsync(a => a.Action == "job.retry"))).EntityId);

        // Once the scheduler no longer has the job, its runs cannot be retried.
        await scheduler.DeleteJob(key);
        await (await api.PostAsJsonAsync("/api/admin/jobs/retry", new { runId = failed[0].GetProperty("runId").GetInt64() }))
            .ProblemAsync(409, "JOB_NOT_RETRYABLE");
    }

    public void Dispose() => _data.Dispose();
}

/// <summary>A job of no subject that always fails.</summary>
public sealed class FailingChore : IJob
{
    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("The chore broke.");
}
