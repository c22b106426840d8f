using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MusicSite.Admin;
using MusicSite.Catalog;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Admin;

/// <summary>A crossed threshold (a queue deeper than 0, with one pending track) is raised, shown on the dashboard and in
/// /api/admin/metrics, and mails the admin once however many checks see it; after it clears, crossing again mails again.</summary>
public sealed class OpsWarningsTests : IDisposable
{
    private readonly MusicSiteFactory _site = new MusicSiteFactory().WithAdmin();

    public OpsWarningsTests()
    {
        _site.Settings["Monitoring:QueueDepth"] = "0";
        // The other figures can never cross here, so only the queue speaks.
        _site.Settings["Monitoring:DiskUsedPercent"] = "100";
        _site.Settings["Monitoring:UploadFailureRatePercent"] = "100";
        _site.Settings["Monitoring:ErrorRatePercent"] = "100";
        _site.Settings["Monitoring:P95LatencyMs"] = "1000000000";
    }

    [Fact]
    public async Task QueueDeeperThanItsThreshold_CheckedTwice_MailsOnce_AndAgainOnlyAfterItClearedAndCrossedAnew()
    {
        _ = await _site.AdminClientAsync();
        var trackId = await PendingTrackAsync();

        var first = await CheckAsync();
        await CheckAsync();

        Assert.Equal([OpsMetrics.Queue], first.Raised.Select(a => a.Key));
        var mails = QueueMails();
        Assert.Single(mails);
        Assert.Contains("Processing queue is 1, above the threshold of 0", mails[0]);

        await SetStateAsync(trackId, TrackState.Ready);
        var cleared = await CheckAsync();
        Assert.Empty(cleared.Raised);
        Assert.NotNull(await _site.WithDbAsync(db => db.OpsAlerts.Where(a => a.Key == OpsMetrics.Queue).Select(a => a.ClearedAt).SingleAsync()));
        Assert.Single(QueueMails());

        await SetStateAsync(trackId, TrackState.Pending);
        await CheckAsync();
        await CheckAsync();
        Assert.Equal(2, QueueMails().Count);
    }

    [Fact]
    public async Task Dashboard_WithTheQueueAboveItsThreshold_ShowsTheWarning_AndTheMetricsApiListsIt()
    {
        var admin = await _site.SignedInCookieClientAsync(TrackUploads.AdminEmail, TrackUploads.AdminPassword);
        var calm = await admin.PageAsync("/admin");
        Assert.NotNull(calm.QuerySelector("[data-testid=ops-no-warnings][role=status]"));
        await PendingTrackAsync();

        var page = await admin.PageAsync("/admin");

        var warning = page.QuerySelector("[data-testid=ops-warnings]");
        Assert.NotNull(warning);
        Assert.Equal("alert", warning.GetAttribute("role"));
        Assert.Contains("Processing queue is 1, above the threshold of 0", warning.TextContent);
        Assert.Equal("1", page.QuerySelector("[data-testid=figure-queue]")!.TextContent);
        Assert.Equal("Above the threshold", page.QuerySelector("[data-testid=ops-metrics] tr[data-key=queue] td:last-child")!.TextContent);

        var api = await _site.AdminClientAsync();
        var metrics = await (await api.GetAsync("/api/admin/metrics")).JsonAsync();
        var queued = metrics.GetProperty("warnings").EnumerateArray().Single();
        Assert.Equal(("queue", 1.0, 0.0), (queued.GetProperty("key").GetString(), queued.GetProperty("value").GetDouble(), queued.GetProperty("threshold").GetDouble()));
        Assert.True(metrics.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("key").GetString() == "queue").GetProperty("crossed").GetBoolean());
        var stats = await (await api.GetAsync("/api/admin/stats")).JsonAsync();
        Assert.Equal(1, stats.GetProperty("queue").GetProperty("tracksPending").GetInt32());
        Assert.Equal(1, stats.GetProperty("counts").GetProperty("tracks").GetInt32());
        Assert.Equal(30, stats.GetProperty("series").GetProperty("playsPerDay").GetArrayLength());
        Assert.Single(QueueMails()); // the page and the API checked three times between them
    }

    private IReadOnlyList<string> QueueMails() => MailFolder.MessagesTo(_site.MailDirectory, TrackUploads.AdminEmail)
        .Where(m => m.Contains("processing queue is above its threshold", StringComparison.Ordinal)).ToList();

    private async Task<OpsStatus> CheckAsync()
    {
        await using var scope = _site.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OpsWarnings>().CheckAsync(CancellationToken.None);
    }

    private Task<int> PendingTrackAsync() => _site.WithDbAsync(async db =>
    {
        var user = await DashboardData.UserAsync(db, "Queued");
        return (await DashboardData.TrackAsync(db, user.Id, "Queued", TrackState.Pending, createdAt: DateTime.UtcNow)).Id;
    });

    private Task SetStateAsync(int trackId, TrackState state) =>
        _site.WithDbAsync(db => db.Tracks.Where(t => t.Id == trackId).ExecuteUpdateAsync(s => s.SetProperty(t => t.State, state)));

    public void Dispose() => _site.Dispose();
}
