using System.Formats.Tar;
using System.IO.Compression;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MusicSite.Admin.Backups;
using MusicSite.Tests.Infrastructure;
using Quartz;

namespace MusicSite.Tests.Backups;

/// <summary>A site that keeps two backups.</summary>
public sealed class TwoBackupsSite : MusicSiteFactory
{
    public TwoBackupsSite()
    {
        this.WithAdmin();
        Settings["Backups:Keep"] = "2";
    }
}

public sealed class BackupsApiTests(TwoBackupsSite site) : IClassFixture<TwoBackupsSite>, IDisposable
{
    private readonly TempDirectory _files = new("musicsite-backup-api");

    [Fact]
    public async Task Create_ThreeTimes_KeepsTheNewestTwo_AndAuditsEach()
    {
        var admin = await site.AdminClientAsync();
        var names = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var created = await admin.PostAsync("/api/admin/backups", null);
            Assert.True(201 == (int)created.StatusCode, await created.Content.ReadAsStringAsync());
            names.Add((await created.JsonAsync()).GetProperty("name").GetString()!);
        }

        var listed = (await (await admin.GetAsync("/api/admin/backups")).JsonAsync()).GetProperty("data")
            .EnumerateArray().Select(b => b.GetProperty("name").GetString()).ToList();
        Assert.Equal([names[2], names[1]], listed.Take(2));
        Assert.DoesNotContain(names[0], listed);
        Assert.False(Directory.Exists(Path.Combine(site.DataDirectory, "backups", names[0])));
        var audited = await site.WithDbAsync(db => db.AuditEntries.Where(e => e.Action == "backup.create").Select(e => e.EntityId).ToListAsync());
        Assert.All(names, name => Assert.Contains(name, audited));
    }

    [Fact]
    public async Task Download_StreamsATarGzWithTheDatabaseCopyAndTheManifest()
    {
        var admin = await site.AdminClientAsync();
        var created = await (await admin.PostAsync("/api/admin/backups", null)).JsonAsync();
        var name = created.GetProperty("name").GetString()!;

        using var response = await admin.GetAsync(created.GetProperty("downloadUrl").GetString(), HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("application/gzip", response.Content.Headers.ContentType?.MediaType);
        Assert.Null(response.Content.Headers.ContentLength); // streamed, not buffered to learn its length
        Assert.Contains($"musicsite-backup-{name}.tar.gz", response.Content.Headers.ContentDisposition?.ToString());
        var folder = _files.Combine("extracted");
        Directory.CreateDirectory(folder);
        await using (var gzip = new GZipStream(await response.Content.ReadAsStreamAsync(), CompressionMode.Decompress))
        {
            await TarFile.ExtractToDirectoryAsync(gzip, folder, overwriteFiles: false);
        }
        var backup = Path.Combine(folder, name);
        Assert.Equal([BackupManifest.JobsDatabaseFile, BackupManifest.FileName, BackupManifest.DatabaseFile],
            Directory.GetFiles(backup).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal("ok", SqliteCopy.IntegrityCheck(Path.Combine(backup, BackupManifest.DatabaseFile)));
        var manifest = (await BackupManifest.ReadAsync(backup, CancellationToken.None))!;
        Assert.Equal(name, manifest.Name);
        Assert.Equal(manifest.Database.Sha256,
            (await MediaManifest.DescribeAsync(Path.Combine(backup, BackupManifest.DatabaseFile), "", CancellationToken.None)).Sha256);
        Assert.StartsWith("2026", manifest.Migration ?? "", StringComparison.Ordinal);
        Assert.True(manifest.Counts["users"] >= 1);
    }

    [Fact]
    public async Task Create_WhileAnotherBackupRuns_Answers409BackupRunning()
    {
        var admin = await site.AdminClientAsync();
        var gate = site.Services.GetRequiredService<BackupGate>();
        using (var running = gate.TryEnter(DateTime.UtcNow))
        {
            Assert.NotNull(running);
            var refused = await admin.PostAsync("/api/admin/backups", null);
            Assert.Equal(409, (int)refused.StatusCode);
            Assert.Equal("BACKUP_RUNNING", (await refused.JsonAsync()).GetProperty("code").GetString());
        }
        Assert.Equal(201, (int)(await admin.PostAsync("/api/admin/backups", null)).StatusCode);
    }

    [Theory]
    [InlineData("..%2F..%2Fmusicsite.db")]
    [InlineData("..")]
    [InlineData("%2e%2e")]
    [InlineData("20260101T000000000Z")]
    [InlineData("20261301T000000000Z")]
    [InlineData(".partial-20260101T000000000Z")]
    [InlineData("last-failure.json")]
    [InlineData("20260101T000000000Z%2F..%2F..%2Fjobs.db")]
    public async Task Download_HostileOrUnknownName_Answers404(string name)
    {
        var admin = await site.AdminClientAsync();

        var response = await admin.GetAsync($"/api/admin/backups/{name}/download");

        Assert.Equal(404, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Health_ShowsTheLastBackup_AndIsDegradedAfterAFailedAttempt()
    {
        var admin = await site.AdminClientAsync();
        await admin.PostAsync("/api/admin/backups", null);
        var healthy = await (await admin.GetAsync("/healthz")).JsonAsync();
        var backup = healthy.GetProperty("checks").GetProperty("backup");
        Assert.Equal("Healthy", backup.GetProperty("status").GetString());
        Assert.True(backup.GetProperty("data").TryGetProperty("lastBackupAt", out _));

        var gate = site.Services.GetRequiredService<BackupGate>();
        gate.RecordFailure(new BackupFailure(DateTime.UtcNow.AddMinutes(1), "The disk is full."));
        try
        {
            var degraded = await (await admin.GetAsync("/healthz")).JsonAsync();
            Assert.Equal("Degraded", degraded.GetProperty("status").GetString());
            Assert.Contains("The disk is full.", degraded.GetProperty("checks").GetProperty("backup").GetProperty("description").GetString());
        }
        finally
        {
            File.Delete(Path.Combine(site.DataDirectory, "backups", "last-failure.json"));
        }
    }

    [Fact]
    public async Task DailySchedule_AfterARestart_IsOneTriggerAtTheConfiguredHour()
    {
        using var data = new TempDirectory("musicsite-backup-schedule");
        for (var start = 0; start < 2; start++)
        {
            using var restarted = new MusicSiteFactory(data);
            restarted.Settings["Backups:DailyHourUtc"] = "4";
            Assert.Equal(200, (int)(await restarted.CreateClient().GetAsync("/api/genres")).StatusCode);
            var scheduler = await restarted.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
            var trigger = Assert.Single(await scheduler.GetTriggersOfJob(BackupSchedule.JobKey));
            Assert.Equal("0 0 4 * * ?", Assert.IsAssignableFrom<ICronTrigger>(trigger).CronExpressionString);
            Assert.Equal(4, trigger.NextFireTimeUtc!.Value.UtcDateTime.Hour);
        }
    }

    public void Dispose() => _files.Dispose();
}
