using System.Diagnostics;
using MusicSite.Admin.Backups;
using MusicSite.Hosting;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Backups;

/// <summary>The documented command, run through the built dll as an operator would, and its refusals.</summary>
public sealed class RestoreCommandTests(TwoBackupsSite site) : IClassFixture<TwoBackupsSite>, IDisposable
{
    private readonly TempDirectory _target = new("musicsite-restore-target");

    [Fact]
    public async Task RestoreVerb_ThroughTheDll_RestoresIntoTheDataDirectoryAndMovesTheOldDatabaseAside()
    {
        var admin = await site.AdminClientAsync();
        var name = (await (await admin.PostAsync("/api/admin/backups", null)).JsonAsync()).GetProperty("name").GetString()!;
        var backup = Path.Combine(site.DataDirectory, "backups", name);
        File.WriteAllText(_target.Combine("musicsite.db"), "the database that was there before");

        var (code, output) = await RunDllAsync("restore", backup);

        Assert.True(code == RestoreExit.Restored, output);
        Assert.Contains("Integrity check: ok.", output);
        Assert.Equal("ok", SqliteCopy.IntegrityCheck(_target.Combine("musicsite.db")));
        var aside = Assert.Single(Directory.GetDirectories(_target.Combine(BackupRestore.ReplacedFolder)));
        Assert.Equal("the database that was there before", File.ReadAllText(Path.Combine(aside, "musicsite.db")));
    }

    [Fact]
    public async Task RestoreVerb_UnknownBackup_ExitsTwo_AndWithoutABackupPrintsUsage()
    {
        var (missing, missingOutput) = await RunDllAsync("restore", "20260101T000000000Z");
        Assert.True(missing == RestoreExit.BackupNotFound, missingOutput);
        Assert.Contains("No backup found", missingOutput);

        var (usage, usageOutput) = await RunDllAsync("restore");
        Assert.True(usage == RestoreExit.Usage, usageOutput);
        Assert.Contains("Usage: dotnet MusicSite.Web.dll restore", usageOutput);
    }

    [Fact]
    public async Task Restore_WhileTheSiteRuns_RefusesAndChangesNothing()
    {
        var admin = await site.AdminClientAsync();
        var name = (await (await admin.PostAsync("/api/admin/backups", null)).JsonAsync()).GetProperty("name").GetString()!;
        var before = File.GetLastWriteTimeUtc(Path.Combine(site.DataDirectory, "musicsite.db"));

        var output = new StringWriter();
        var code = await new BackupRestore(new DataPaths(site.DataDirectory), output, TimeProvider.System).RunAsync(name, CancellationToken.None);

        Assert.Equal(RestoreExit.SiteRunning, code);
        Assert.Contains("The site is running", output.ToString());
        Assert.False(Directory.Exists(Path.Combine(site.DataDirectory, BackupRestore.ReplacedFolder)));
        Assert.Equal(200, (int)(await admin.GetAsync("/api/admin/backups")).StatusCode);
        Assert.True(File.GetLastWriteTimeUtc(Path.Combine(site.DataDirectory, "musicsite.db")) >= before);
    }

    [Fact]
    public async Task Restore_DamagedDatabaseCopy_ExitsThreeAndChangesNothing()
    {
        var admin = await site.AdminClientAsync();
        var name = (await (await admin.PostAsync("/api/admin/backups", null)).JsonAsync()).GetProperty("name").GetString()!;
        var copy = _target.Combine("damaged");
        Directory.CreateDirectory(copy);
        foreach (var file in Directory.GetFiles(Path.Combine(site.DataDirectory, "backups", name)))
        {
            File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        }
        await using (var database = File.OpenWrite(Path.Combine(copy, BackupManifest.DatabaseFile)))
        {
            database.Seek(5000, SeekOrigin.Begin);
            database.Write("damage"u8);
        }
        var data = _target.Combine("data");

        var output = new StringWriter();
        var code = await new BackupRestore(new DataPaths(data), output, TimeProvider.System).RunAsync(copy, CancellationToken.None);

        Assert.True(code == RestoreExit.BackupDamaged, output.ToString());
        Assert.False(File.Exists(Path.Combine(data, "musicsite.db")));
    }

    private async Task<(int Code, string Output)> RunDllAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "MusicSite.Web.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["MUSICSITE_DATA"] = _target.Path;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    public void Dispose() => _target.Dispose();
}
