using System.Reflection;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MusicSite.Common;
using MusicSite.Data;
using MusicSite.Hosting;

namespace MusicSite.Admin.Backups;

/// <summary>
/// Makes a backup while the site runs: copies the database (and the jobs database) with SQLite's backup API, checks
/// the copy, lists every media file with its SHA-256 into manifest.json, and only then renames the folder from its
/// temporary name to the backup's name, so a half-made backup is never listed. Then prunes to the retention and
/// records <c>backup.create</c> in the audit log. One at a time (<see cref="BackupGate"/>).
/// </summary>
public sealed class BackupMaker(
    BackupGate gate,
    BackupStore store,
    AuditLog audit,
    MusicSiteDbContext db,
    IOptions<MusicSiteOptions> site,
    TimeProvider clock,
    ILogger<BackupMaker> logger)
{
    public static readonly string SiteVersion =
        typeof(BackupMaker).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(BackupMaker).Assembly.GetName().Version?.ToString() ?? "unknown";

    public async Task<ServiceResult<BackupInfo>> CreateAsync(AuditActor actor, CancellationToken cancellationToken)
    {
        var started = clock.GetUtcNow();
        using var entered = gate.TryEnter(started.UtcDateTime);
        if (entered is null)
        {
            return ServiceResult<BackupInfo>.Invalid(new FieldErrors(), ErrorCodes.BackupRunning);
        }

        var name = BackupName.For(started);
        while (Directory.Exists(Path.Combine(store.Root, name)))
        {
            started = started.AddMilliseconds(1);
            name = BackupName.For(started);
        }
        var partial = Path.Combine(store.Root, BackupName.PartialPrefix + name);
        try
        {
            Directory.CreateDirectory(store.Root);
            store.RemovePartials();
            Directory.CreateDirectory(partial);
            var manifest = await WriteAsync(name, started.UtcDateTime, partial, cancellationToken);
            Directory.Move(partial, Path.Combine(store.Root, name));
            logger.LogInformation("Backup {Name} made: {Files} media file(s)", name, manifest.MediaFileCount);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or SqliteException or InvalidDataException)
        {
            TryDelete(partial);
            var message = ex.Message;
            gate.RecordFailure(new BackupFailure(clock.GetUtcNow().UtcDateTime, message));
            logger.LogError(ex, "Backup {Name} failed", name);
            return ServiceResult<BackupInfo>.Invalid("backup", message, ErrorCodes.BackupFailed);
        }
        catch (OperationCanceledException)
        {
            TryDelete(partial);
            throw;
        }

        var pruned = await store.PruneAsync(cancellationToken);
        var backup = (await store.FindAsync(name, cancellationToken))!;
        audit.Record(actor, "backup.create", "Backup", name, null,
            new { backup.Name, backup.SizeBytes, backup.Manifest.MediaFileCount, backup.Manifest.MediaBytes, Pruned = pruned });
        await db.SaveChangesAsync(cancellationToken);
        return ServiceResult<BackupInfo>.Ok(backup);
    }

    private async Task<BackupManifest> WriteAsync(string name, DateTime createdAt, string folder, CancellationToken cancellationToken)
    {
        var paths = site.Value.Paths;
        var database = Path.Combine(folder, BackupManifest.DatabaseFile);
        // The database first, the media after: files are written before the rows that name them, so every file a
        // copied row names is already on disk when the media folder is listed.
        await Task.Run(() => SqliteCopy.Copy(paths.Database, database), cancellationToken);
        string? jobs = null;
        if (File.Exists(paths.JobsDatabase))
        {
            jobs = Path.Combine(folder, BackupManifest.JobsDatabaseFile);
            await Task.Run(() => SqliteCopy.Copy(paths.JobsDatabase, jobs), cancellationToken);
        }
        var integrity = SqliteCopy.IntegrityCheck(database);
        if (integrity != "ok")
        {
            throw new InvalidDataException($"The copy of the database fails its integrity check: {integrity}");
        }
        var media = await MediaManifest.ListAsync(paths.Media, cancellationToken);
        var manifest = new BackupManifest(
            BackupManifest.CurrentFormat,
            name,
            createdAt,
            SiteVersion,
            SqliteCopy.LastMigration(database),
            await MediaManifest.DescribeAsync(database, BackupManifest.DatabaseFile, cancellationToken),
            jobs is null ? null : await MediaManifest.DescribeAsync(jobs, BackupManifest.JobsDatabaseFile, cancellationToken),
            SqliteCopy.Counts(database),
            media.Count,
            media.Sum(f => f.SizeBytes),
            media);
        await manifest.WriteAsync(Path.Combine(folder, BackupManifest.FileName), cancellationToken);
        return manifest;
    }

    private void TryDelete(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (IOException ex)
        {
            logger.LogWarning(ex, "Could not remove the unfinished backup folder {Folder}", folder);
        }
    }
}
