using Microsoft.Extensions.Options;
using MusicSite.Hosting;

namespace MusicSite.Admin.Backups;

/// <summary>A finished backup as the list shows it.</summary>
public sealed record BackupInfo(string Name, DateTime CreatedAt, long SizeBytes, BackupManifest Manifest)
{
    public long Count(string name) => Manifest.Counts.TryGetValue(name, out var count) ? count : 0;
}

/// <summary>
/// The backups folder: which backups exist (a folder with a valid name and a readable manifest; a folder still
/// being written has a temporary name and is never listed), where one lives, and retention.
/// </summary>
public sealed class BackupStore(IOptions<MusicSiteOptions> site, IOptions<BackupOptions> options)
{
    public string Root => site.Value.Paths.Backups;

    /// <summary>Every finished backup, newest first.</summary>
    public async Task<IReadOnlyList<BackupInfo>> ListAsync(CancellationToken cancellationToken)
    {
        if (!Directory.Exists(Root))
        {
            return [];
        }
        var backups = new List<BackupInfo>();
        foreach (var folder in Directory.EnumerateDirectories(Root))
        {
            if (await ReadAsync(folder, cancellationToken) is { } info)
            {
                backups.Add(info);
            }
        }
        return backups.OrderByDescending(b => b.Name, StringComparer.Ordinal).ToList();
    }

    public async Task<BackupInfo?> NewestAsync(CancellationToken cancellationToken) =>
        (await ListAsync(cancellationToken)).FirstOrDefault();

    /// <summary>The backup called <paramref name="name"/>, or null for an unknown or malformed name.</summary>
    public Task<BackupInfo?> FindAsync(string? name, CancellationToken cancellationToken) =>
        BackupName.IsValid(name) ? ReadAsync(Path.Combine(Root, name), cancellationToken) : Task.FromResult<BackupInfo?>(null);

    /// <summary>Removes the oldest backups beyond <see cref="BackupOptions.Keep"/>; returns the names removed.</summary>
    public async Task<IReadOnlyList<string>> PruneAsync(CancellationToken cancellationToken)
    {
        var old = (await ListAsync(cancellationToken)).Skip(options.Value.EffectiveKeep).Select(b => b.Name).ToList();
        foreach (var name in old)
        {
            Directory.Delete(Path.Combine(Root, name), recursive: true);
        }
        return old;
    }

    /// <summary>Folders left half-written by a backup that was cut short (a crash, a kill).</summary>
    public void RemovePartials()
    {
        if (!Directory.Exists(Root))
        {
            return;
        }
        foreach (var folder in Directory.EnumerateDirectories(Root, BackupName.PartialPrefix + "*"))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<BackupInfo?> ReadAsync(string folder, CancellationToken cancellationToken)
    {
        var name = Path.GetFileName(folder);
        if (!BackupName.TryParse(name, out var createdAt) || !Directory.Exists(folder)
            || await BackupManifest.ReadAsync(folder, cancellationToken) is not { } manifest)
        {
            return null;
        }
        var size = Directory.EnumerateFiles(folder).Sum(f => new FileInfo(f).Length);
        return new BackupInfo(name, createdAt, size, manifest);
    }
}
