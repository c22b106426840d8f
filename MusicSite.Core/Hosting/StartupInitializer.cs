using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MusicSite.Accounts;
using MusicSite.Data;
using MusicSite.Jobs;
using MusicSite.Media;
using MusicSite.Seeding;
using MusicSite.Uploads;

namespace MusicSite.Hosting;

/// <summary>Runs once before the site serves: data directory, migrations, roles, admin account, seeds.</summary>
public sealed class StartupInitializer(
    MusicSiteDbContext db,
    AccountBootstrap accounts,
    Seeder seeder,
    TrackProcessingQueue processing,
    StemProcessingQueue stemProcessing,
    UploadStaging staging,
    ResumableUploads resumable,
    OrphanMediaSweep orphans,
    DataDirectoryLock running,
    Admin.Backups.BackupSchedule backups,
    IOptions<MusicSiteOptions> options,
    ILogger<StartupInitializer> logger)
{
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        var site = options.Value;
        site.Paths.EnsureCreated();
        // Held until the process ends: the restore command refuses to run under a live site.
        running.HoldShared(site.Paths);
        CleanTemp(site.Paths.Temp);
        staging.CleanAbandoned();

        await db.Database.MigrateAsync(cancellationToken);
        SqliteDatabase.EnableWriteAheadLog(db);
        await resumable.CleanAbandonedAsync(cancellationToken);
        // Before seeding and before any job runs: what is on disk without a row is a write a crash cut short.
        await orphans.RemoveOrphansAsync(cancellationToken);

        await accounts.EnsureRolesAsync();
        if (!string.IsNullOrWhiteSpace(site.AdminEmail) && !string.IsNullOrEmpty(site.AdminPassword))
        {
            await accounts.EnsureAdminAsync(site.AdminEmail.Trim(), site.AdminPassword);
        }

        try
        {
            await seeder.SeedAsync(cancellationToken);
        }
        catch (MediaToolException ex)
        {
            // The site still starts; /healthz reports the missing tool and the next start seeds again.
            logger.LogError(ex, "The demo catalog could not be rendered");
        }

        var resumed = await processing.ResumeUnfinishedAsync(cancellationToken);
        if (resumed > 0)
        {
            logger.LogInformation("Queued {Count} unfinished track(s) for processing again", resumed);
        }
        var resumedStems = await stemProcessing.ResumeUnfinishedAsync(cancellationToken);
        if (resumedStems > 0)
        {
            logger.LogInformation("Queued {Count} unfinished stem(s) for processing again", resumedStems);
        }
        await backups.EnsureAsync(cancellationToken);
    }

    /// <summary>Work files left by a process that was killed mid-way are never finished; remove them.</summary>
    private void CleanTemp(string temp)
    {
        foreach (var file in Directory.EnumerateFiles(temp))
        {
            try
            {
                File.Delete(file);
            }
            catch (IOException ex)
            {
                logger.LogWarning(ex, "Could not remove stale work file {File}", file);
            }
        }
    }
}
