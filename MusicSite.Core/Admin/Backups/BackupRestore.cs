using System.Formats.Tar;
using System.IO.Compression;
using MusicSite.Hosting;

namespace MusicSite.Admin.Backups;

/// <summary>The restore command's exit codes.</summary>
public static class RestoreExit
{
    public const int Restored = 0;
    public const int Usage = 1;
    public const int BackupNotFound = 2;
    public const int BackupDamaged = 3;
    public const int SiteRunning = 4;
    /// <summary>The database is restored, but media files the backup lists are missing or changed.</summary>
    public const int MediaDiffers = 5;
}

/// <summary>
/// Restores a backup into a stopped site's data directory: checks the backup (its manifest, the database copy's
/// checksum and <c>PRAGMA integrity_check</c>), moves the current databases aside into <c>replaced/{time}/</c> (never
/// deleting them), puts the copies in place, then compares the manifest and the restored rows with the media folder
/// and names every file that is missing or changed. Used by <c>dotnet MusicSite.Web.dll restore &lt;backup&gt;</c>.
/// </summary>
public sealed class BackupRestore(DataPaths paths, TextWriter output, TimeProvider clock)
{
    public const string ReplacedFolder = "replaced";

    /// <summary><paramref name="backup"/> is a backup's name in the backups folder, the path of a backup folder, or
    /// the path of a downloaded .tar.gz archive.</summary>
    public async Task<int> RunAsync(string backup, CancellationToken cancellationToken)
    {
        using var exclusive = DataDirectoryLock.TryExclusive(paths);
        if (exclusive is null)
        {
            output.WriteLine($"The site is running on {paths.FullRoot}. Stop it (every node) and run the restore again.");
            return RestoreExit.SiteRunning;
        }
        string? extracted = null;
        try
        {
            var (folder, temp) = await LocateAsync(backup, cancellationToken);
            extracted = temp;
            if (folder is null)
            {
                output.WriteLine($"No backup found at \"{backup}\": give a backup's name from {paths.Backups}, a backup folder or a downloaded .tar.gz.");
                return RestoreExit.BackupNotFound;
            }
            return await RestoreAsync(folder, cancellationToken);
        }
        finally
        {
            if (extracted is not null && Directory.Exists(extracted))
            {
                Directory.Delete(extracted, recursive: true);
            }
        }
    }

    private async Task<int> RestoreAsync(string folder, CancellationToken cancellationToken)
    {
        var manifest = await BackupManifest.ReadAsync(folder, cancellationToken);
        var database = Path.Combine(folder, BackupManifest.DatabaseFile);
        if (manifest is null || !File.Exists(database))
        {
            output.WriteLine($"{folder} is not a complete backup: it needs {BackupManifest.FileName} and {BackupManifest.DatabaseFile}.");
            return RestoreExit.BackupDamaged;
        }
        output.WriteLine($"Backup {manifest.Name}, made {manifest.CreatedAt:u} by MusicSite {manifest.SiteVersion} (migration {manifest.Migration}).");
        if (!await MatchesAsync(database, manifest.Database, cancellationToken)
            || (manifest.JobsDatabase is { } jobs && !await MatchesAsync(Path.Combine(folder, jobs.Path), jobs, cancellationToken)))
        {
            output.WriteLine("The database copy does not match the checksum in the manifest: the backup is damaged. Nothing was changed.");
            return RestoreExit.BackupDamaged;
        }
        var integrity = SqliteCopy.IntegrityCheck(database);
        if (integrity != "ok")
        {
            output.WriteLine($"The database copy fails PRAGMA integrity_check ({integrity}). Nothing was changed.");
            return RestoreExit.BackupDamaged;
        }
        output.WriteLine("Integrity check: ok.");

        paths.EnsureCreated();
        var aside = MoveAside();
        if (aside is not null)
        {
            output.WriteLine($"The current database was moved to {aside}.");
        }
        PutInPlace(database, paths.Database);
        if (manifest.JobsDatabase is { } jobsFile)
        {
            PutInPlace(Path.Combine(folder, jobsFile.Path), paths.JobsDatabase);
        }
        output.WriteLine($"Restored the database to {paths.Database}.");

        return await CheckMediaAsync(manifest, cancellationToken);
    }

    /// <summary>Names every file of the manifest that is missing or changed in the media folder, and every file a
    /// restored row names that is not there. Only files that rows name fail the restore: the others were left by
    /// work in progress while the backup ran (a track still processing is processed again at start).</summary>
    private async Task<int> CheckMediaAsync(BackupManifest manifest, CancellationToken cancellationToken)
    {
        var differences = await MediaManifest.CompareAsync(manifest.Media, paths.Media, cancellationToken);
        var referenced = SqliteCopy.ReferencedMedia(paths.Database).ToHashSet(StringComparer.Ordinal);
        var listed = manifest.Media.Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
        var missing = differences.Missing
            .Concat(referenced.Where(p => !listed.Contains(p) && !File.Exists(Path.Combine(paths.Media, p))))
            .Distinct().Order(StringComparer.Ordinal).ToList();
        var failing = 0;
        foreach (var (path, what) in missing.Select(p => (p, "Missing")).Concat(differences.Changed.Select(p => (p, "Changed"))))
        {
            var named = referenced.Contains(path);
            failing += named ? 1 : 0;
            output.WriteLine(named ? $"{what} media file: {path}" : $"{what} media file (no restored row names it): {path}");
        }
        if (missing.Count == 0 && differences.Changed.Count == 0)
        {
            output.WriteLine($"All {manifest.Media.Count} media files of the backup are present and unchanged in {paths.Media}.");
            return RestoreExit.Restored;
        }
        if (failing == 0)
        {
            output.WriteLine($"Every media file the restored rows name is present in {paths.Media}.");
            return RestoreExit.Restored;
        }
        output.WriteLine($"{failing} media file(s) that restored rows name are missing or changed: " +
                         "copy the media folder that belongs to this backup into place.");
        return RestoreExit.MediaDiffers;
    }

    private async Task<(string? Folder, string? Extracted)> LocateAsync(string backup, CancellationToken cancellationToken)
    {
        if (BackupName.IsValid(backup) && Directory.Exists(Path.Combine(paths.Backups, backup)))
        {
            return (Path.Combine(paths.Backups, backup), null);
        }
        if (Directory.Exists(backup))
        {
            return (Path.GetFullPath(backup), null);
        }
        if (!File.Exists(backup) || !(backup.EndsWith(".tar.gz", StringComparison.OrdinalIgnoreCase) || backup.EndsWith(".tgz", StringComparison.OrdinalIgnoreCase)))
        {
            return (null, null);
        }
        var temp = Path.Combine(paths.Temp, "restore-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(temp);
        try
        {
            await using (var archive = new GZipStream(File.OpenRead(backup), CompressionMode.Decompress))
            {
                // Refuses entries that would land outside the folder.
                await TarFile.ExtractToDirectoryAsync(archive, temp, overwriteFiles: false, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or FormatException)
        {
            output.WriteLine($"{backup} is not a readable backup archive: {ex.Message}");
            return (null, temp);
        }
        var folders = Directory.GetDirectories(temp);
        return (folders.Length == 1 ? folders[0] : temp, temp);
    }

    private static async Task<bool> MatchesAsync(string path, ManifestFile expected, CancellationToken cancellationToken) =>
        File.Exists(path) && (await MediaManifest.DescribeAsync(path, expected.Path, cancellationToken)).Sha256 == expected.Sha256;

    /// <summary>Moves the current databases (with their WAL and shared-memory files, which may hold committed
    /// writes) into replaced/{time}/; returns that folder, or null when there was no database.</summary>
    private string? MoveAside()
    {
        var files = new[] { paths.Database, paths.JobsDatabase }
            .SelectMany(db => new[] { db, db + "-wal", db + "-shm", db + "-journal" })
            .Where(File.Exists).ToList();
        if (files.Count == 0)
        {
            return null;
        }
        var aside = Path.Combine(paths.FullRoot, ReplacedFolder, BackupName.For(clock.GetUtcNow()));
        Directory.CreateDirectory(aside);
        foreach (var file in files)
        {
            File.Move(file, Path.Combine(aside, Path.GetFileName(file)));
        }
        return aside;
    }

    /// <summary>Copies under a temporary name first, so the database file is never half-written.</summary>
    private static void PutInPlace(string copy, string target)
    {
        var temp = target + ".restoring";
        File.Copy(copy, temp, overwrite: true);
        File.Move(temp, target);
    }
}
