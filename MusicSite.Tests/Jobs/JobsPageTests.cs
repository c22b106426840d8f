using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MusicSite.Catalog;
using MusicSite.Jobs.History;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Jobs;

/// <summary>/admin/jobs as an admin uses it without JavaScript: a failed track's log, its retry, cancelling a pending
/// and a running job, and the run history (the failing ffmpeg is a test-made wrapper script around the real one).</summary>
[Trait("Category", "Slow")]
public sealed class JobsPageTests : IDisposable
{
    private readonly TempDirectory _files = new("musicsite-jobs");
    private readonly TempDirectory _data = new("musicsite-jobs-data");

    [Fact]
    public async Task FailedJob_RetriedFromThePage_ThenSucceeds()
    {
        var failFlag = Path.Combine(_files.Path, "fail");
        File.WriteAllText(failFlag, "");
        using var site = new MusicSiteFactory(_data).WithAdmin();
        site.Settings["Media:FfmpegPath"] = FfmpegWrapper(failFlag, slowFlag: null);
        site.Settings["Processing:MaxAttempts"] = "1";
        var artist = await site.ArtistClientAsync();
        var id = (await artist.UploadAsync(MediaFixtures.Audio(_files.Path, "wav", 2))).GetProperty("id").GetInt32();
        var failed = await artist.WaitForProcessingAsync(id, seconds: 60);
        Assert.Equal("failed", failed.GetProperty("processing").GetProperty("state").GetString());

        var admin = await site.SignedInCookieClientAsync(TrackUploads.AdminEmail, TrackUploads.AdminPassword);
        var page = await admin.PageAsync("/admin/jobs");
        var row = FailedRowOf(page, id);
        // The error is the failing call's last stderr line; the run's log page has the rest of its stderr too.
        Assert.Contains("Loudness could not be measured: wrapper: the flag file is present", row.TextContent);
        var log = await admin.PageAsync(row.QuerySelector("a[href^='/admin/jobs/runs/']")!.GetAttribute("href")!);
        Assert.Equal("Failed", log.QuerySelector("[data-testid=run-outcome]")!.TextContent.Trim());
        Assert.Contains("simulated encoder crash: some detail", log.QuerySelector("[data-testid=run-log]")!.TextContent);

        File.Delete(failFlag);
        var retried = await SubmitAsync(admin, row.QuerySelector("form")!);
        Assert.Equal(302, (int)retried.StatusCode);
        Assert.Equal("/admin/jobs?done=retried", retried.Headers.Location!.OriginalString);
        Assert.NotNull((await admin.PageAsync("/admin/jobs?done=retried")).QuerySelector("[data-testid=jobs-status]"));
        await Eventually.Until($"track {id} to be ready after the retry", () => StateAsync(site, id), s => s == TrackState.Ready,
            TimeSpan.FromSeconds(60));

        var audit = await site.WithDbAsync(db => db.AuditEntries.SingleAsync(a => a.Action == "job.retry"));
        Assert.Equal($"track:{id}", audit.EntityId);
        // The history has both runs: the failure with its log, then the success.
        var api = await site.AdminClientAsync();
        var history = await Eventually.Until("both runs in the history", async () => (await (await api.GetAsync("/api/admin/jobs")).JsonAsync())
            .GetProperty("history").GetProperty("data").EnumerateArray()
            .Where(r => r.GetProperty("subjectId").ValueKind == JsonValueKind.Number && r.GetProperty("subjectId").GetInt32() == id).ToList(),
            runs => runs.Count == 2);
        Assert.Equal(new[] { "succeeded", "failed" }, history.Select(r => r.GetProperty("outcome").GetString()).ToArray());
        Assert.True(history[1].GetProperty("hasLog").GetBoolean());
        var run = await (await api.GetAsync(history[1].GetProperty("url").GetString())).JsonAsync();
        Assert.Contains("simulated encoder crash", run.GetProperty("log").GetString());
        Assert.Empty(FailedRows(await admin.PageAsync("/admin/jobs"), id));
    }

    [Fact]
    public async Task PendingJob_CancelledFromThePage_IsUnscheduledAndTheTrackEndsFailed()
    {
        using var site = new MusicSiteFactory(_data).WithAdmin();
        // The first attempt fails and schedules its retry an hour away: a pending trigger to cancel.
        site.Settings["Media:FfmpegPath"] = "/nonexistent/ffmpeg";
        site.Settings["Processing:RetryDelaySeconds"] = "3600";
        var artist = await site.ArtistClientAsync();
        var id = (await artist.UploadAsync(MediaFixtures.Audio(_files.Path, "wav", 1))).GetProperty("id").GetInt32();
        await Eventually.Until("the first attempt", () => site.WithDbAsync(db => db.Tracks.Where(t => t.Id == id)
            .Select(t => new { t.ProcessingAttempts, t.State }).SingleAsync()), t => t.ProcessingAttempts == 1 && t.State == TrackState.Pending);

        var admin = await site.SignedInCookieClientAsync(TrackUploads.AdminEmail, TrackUploads.AdminPassword);
        var cancelLink = await Eventually.Until("the retry to be listed as pending",
            async () => (await admin.PageAsync("/admin/jobs")).QuerySelectorAll("[data-testid=jobs-pending] a")
                .Select(a => a.GetAttribute("href")).FirstOrDefault(h => h?.Contains($"process-track-{id}") == true), h => h is not null);
        var confirm = await admin.PageAsync(cancelLink!);
        Assert.Contains("Cancelled by an admin.", confirm.QuerySelector("[data-testid=cancel-summary]")!.TextContent);

        // Without the ticked box nothing happens.
        var unconfirmed = await SubmitAsync(admin, confirm.QuerySelector("main form")!, without: "confirm");
        Assert.Contains("problem=confirm", unconfirmed.Headers.Location!.OriginalString);
        Assert.Equal(TrackState.Pending, await StateAsync(site, id));

        var cancelled = await SubmitAsync(admin, confirm.QuerySelector("main form")!);
        Assert.Equal("/admin/jobs?done=cancelled", cancelled.Headers.Location!.OriginalString);
        var track = await site.WithDbAsync(db => db.Tracks.SingleAsync(t => t.Id == id));
        Assert.Equal(TrackState.Failed, track.State);
        Assert.Equal(RunReport.CancelledByAdmin, track.ProcessingError);
        var jobs = await (await (await site.AdminClientAsync()).GetAsync("/api/admin/jobs")).JsonAsync();
        Assert.DoesNotContain(jobs.GetProperty("pending").EnumerateArray(), p => p.GetProperty("jobName").GetString() == $"process-track-{id}");
        Assert.Contains(jobs.GetProperty("failed").EnumerateArray(), f => f.GetProperty("subject").ValueKind == JsonValueKind.Object
            && f.GetProperty("subject").GetProperty("id").GetInt32() == id);
        Assert.Equal($"track:{id}", (await site.WithDbAsync(db => db.AuditEntries.SingleAsync(a => a.Action == "job.cancel"))).EntityId);
    }

    [Fact]
    public async Task RunningJob_CancelledThroughTheApi_IsInterruptedAndRecordedAsCancelled()
    {
        var slowFlag = Path.Combine(_files.Path, "slow");
        File.WriteAllText(slowFlag, "");
        using var site = new MusicSiteFactory(_data).WithAdmin();
        site.Settings["Media:FfmpegPath"] = FfmpegWrapper(failFlag: null, slowFlag);
        var artist = await site.ArtistClientAsync();
        var id = (await artist.UploadAsync(MediaFixtures.Audio(_files.Path, "wav", 1))).GetProperty("id").GetInt32();

        var api = await site.AdminClientAsync();
        await Eventually.Until("the track's job to be running", async () => (await (await api.GetAsync("/api/admin/jobs")).JsonAsync())
            .GetProperty("running").EnumerateArray().Any(r => r.GetProperty("jobName").GetString() == $"process-track-{id}"), running => running);
        var cancelled = await (await api.PostAsJsonAsync("/api/admin/jobs/cancel", new { group = "tracks", name = $"process-track-{id}" })).JsonAsync();
        Assert.Equal(1, cancelled.GetProperty("interrupted").GetInt32());

        await Eventually.Until("the cancelled run to be recorded", () => site.WithDbAsync(db => db.JobRuns.CountAsync(r => r.SubjectId == id && r.Outcome == JobOutcomes.Cancelled)),
            count => count == 1);
        var track = await site.WithDbAsync(db => db.Tracks.SingleAsync(t => t.Id == id));
        Assert.Equal(TrackState.Failed, track.State);
        Assert.Equal(RunReport.CancelledByAdmin, track.ProcessingError);
    }

    [Fact]
    public async Task JobsApi_BadOrUnknownTargets_AreProblemsWithCodes()
    {
        using var site = new MusicSiteFactory(_data).WithAdmin();
        var api = await site.AdminClientAsync();
        await (await api.PostAsJsonAsync("/api/admin/jobs/retry", new { })).ProblemAsync(400, "VALIDATION_FAILED");
        await (await api.PostAsJsonAsync("/api/admin/jobs/retry", new { runId = "12" })).ProblemAsync(400, "VALIDATION_FAILED");
        await (await api.PostAsJsonAsync("/api/admin/jobs/retry", new { runId = 999999 })).ProblemAsync(404, "JOB_NOT_FOUND");
        await (await api.PostAsJsonAsync("/api/admin/jobs/retry", new { subjectType = "track", subjectId = 999999 })).ProblemAsync(404, "JOB_NOT_FOUND");
        await (await api.PostAsJsonAsync("/api/admin/jobs/cancel", new { group = "tracks" })).ProblemAsync(400, "VALIDATION_FAILED");
        await (await api.PostAsJsonAsync("/api/admin/jobs/cancel", new { group = "tracks", name = "nothing-here" })).ProblemAsync(404, "JOB_NOT_FOUND");
        await (await api.GetAsync("/api/admin/jobs/runs/999999")).ProblemAsync(404, "JOB_NOT_FOUND");
        await (await api.GetAsync("/api/admin/jobs?page=0")).ProblemAsync(400, "VALIDATION_FAILED");
    }

    /// <summary>An ffmpeg that fails (stderr and exit 1) while <paramref name="failFlag"/> exists, waits while
    /// <paramref name="slowFlag"/> exists, and otherwise is the real one.</summary>
    private string FfmpegWrapper(string? failFlag, string? slowFlag)
    {
        var real = new[] { "/usr/bin/ffmpeg", "/usr/local/bin/ffmpeg" }.First(File.Exists);
        var path = Path.Combine(_files.Path, $"ffmpeg-wrapper-{Guid.NewGuid():N}.sh");
        File.WriteAllText(path, $"""
            #!/bin/sh
            if [ -n "{failFlag}" ] && [ -e "{failFlag}" ]; then
              echo "simulated encoder crash: some detail" >&2
              echo "wrapper: the flag file is present" >&2
              exit 1
            fi
            if [ -n "{slowFlag}" ] && [ -e "{slowFlag}" ] && [ "$1" != "-version" ]; then
              sleep 120
            fi
            exec {real} "$@"
            """.Replace("\r", ""));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        return path;
    }

    private static Task<TrackState> StateAsync(MusicSiteFactory site, int id) =>
        site.WithDbAsync(db => db.Tracks.Where(t => t.Id == id).Select(t => t.State).SingleAsync());

    private static List<AngleSharp.Dom.IElement> FailedRows(AngleSharp.Html.Dom.IHtmlDocument page, int trackId) =>
        page.QuerySelectorAll("[data-testid=failed-row]").Where(r => r.QuerySelector($"a[href='/tracks/{trackId}']") is not null).ToList();

    private static AngleSharp.Dom.IElement FailedRowOf(AngleSharp.Html.Dom.IHtmlDocument page, int trackId) =>
        Assert.Single(FailedRows(page, trackId));

    /// <summary>Posts a form as a browser without JavaScript: its inputs (hidden ones, a ticked box) to its action.</summary>
    private static Task<HttpResponseMessage> SubmitAsync(HttpClient client, AngleSharp.Dom.IElement form, string? without = null)
    {
        var fields = form.QuerySelectorAll("input")
            .Where(i => i.GetAttribute("name") is { } name && name != without)
            .Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!, i.GetAttribute("value") ?? ""));
        return client.PostAsync(form.GetAttribute("action")!, new FormUrlEncodedContent(fields));
    }

    public void Dispose()
    {
        _files.Dispose();
        _data.Dispose();
    }
}
