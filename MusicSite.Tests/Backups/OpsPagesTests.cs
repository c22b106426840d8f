using Microsoft.Extensions.DependencyInjection;
using MusicSite.Admin.Backups;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Backups;

/// <summary>/admin/backups and /admin/health without JavaScript: the "Back up now" form posts, redirects and lists
/// the backup; the health page shows every /healthz check as a word.</summary>
public sealed class OpsPagesTests(TwoBackupsSite site) : IClassFixture<TwoBackupsSite>
{
    [Fact]
    public async Task BackUpNow_Form_RedirectsAndListsTheBackupWithItsDownloadLink()
    {
        var admin = await site.SignedInCookieClientAsync(TrackUploads.AdminEmail, TrackUploads.AdminPassword);

        var posted = await admin.PostNamedFormAsync("/admin/backups", "backup-now", []);

        Assert.Equal(302, (int)posted.StatusCode);
        var location = posted.Headers.Location!.PathAndQuery;
        Assert.StartsWith("/admin/backups?done=created&name=", location, StringComparison.Ordinal);
        var name = location[(location.LastIndexOf('=') + 1)..];
        var page = await admin.PageAsync(location);
        Assert.Contains(name, page.QuerySelector("[data-testid=backup-status]")!.TextContent);
        var table = page.QuerySelector("[data-testid=backups-table]")!;
        Assert.NotNull(table.QuerySelector($"a[href='/api/admin/backups/{name}/download']"));
        Assert.Contains("Complete", table.TextContent);
        Assert.Contains("Every day at 03:00 UTC", page.QuerySelector("[data-testid=backup-schedule]")!.TextContent);
        Assert.Contains("newest 2 backups are kept", page.QuerySelector("[data-testid=backup-retention]")!.TextContent);
    }

    [Fact]
    public async Task BackUpNow_WhileABackupRuns_SaysSoInsteadOfStartingAnother()
    {
        var admin = await site.SignedInCookieClientAsync(TrackUploads.AdminEmail, TrackUploads.AdminPassword);
        using var running = site.Services.GetRequiredService<BackupGate>().TryEnter(DateTime.UtcNow);

        var posted = await admin.PostNamedFormAsync("/admin/backups", "backup-now", []);

        Assert.Equal("/admin/backups?done=running", posted.Headers.Location!.PathAndQuery);
        var page = await admin.PageAsync("/admin/backups?done=running");
        Assert.Contains("being made right now", page.QuerySelector("[data-testid=backup-problem]")!.TextContent);
        Assert.NotNull(page.QuerySelector("[data-testid=backup-running]"));
    }

    [Fact]
    public async Task Health_ShowsEveryCheckOfHealthz_WithItsStatusInWords()
    {
        var admin = await site.SignedInCookieClientAsync(TrackUploads.AdminEmail, TrackUploads.AdminPassword);

        var page = await admin.PageAsync("/admin/health");

        var rows = page.QuerySelectorAll("[data-testid=health-table] tbody tr").ToDictionary(r => r.GetAttribute("data-check")!);
        Assert.Equal(["backup", "database", "disk", "ffmpeg", "ffprobe", "scheduler"], rows.Keys.Order(StringComparer.Ordinal));
        Assert.All(rows.Values, row => Assert.Matches("Healthy|Degraded|Unhealthy", row.QuerySelectorAll("td")[0].TextContent));
        Assert.Contains("ffmpeg version", rows["ffmpeg"].TextContent);
        Assert.Contains("databaseBytes", rows["database"].TextContent);
        Assert.Contains("Overall:", page.QuerySelector("[data-testid=health-overall]")!.TextContent);
    }
}
