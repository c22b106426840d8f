using System.Text.Json;

namespace MusicSite.Admin.Backups;

/// <summary>One file in a backup or in the media folder: its path (relative, with '/'), size and SHA-256 (hex).</summary>
public sealed record ManifestFile(string Path, long SizeBytes, string Sha256);

/// <summary>
/// manifest.json of a backup: when it was made, by which version of the site on which migration, the copies of
/// the databases with their checksums, row counts of the copy, and every file of the media folder.
/// </summary>
public sealed record BackupManifest(
    int Format,
    string Name,
    DateTime CreatedAt,
    string SiteVersion,
    string? Migration,
    ManifestFile Database,
    ManifestFile? JobsDatabase,
    IReadOnlyDictionary<string, long> Counts,
    int MediaFileCount,
    long MediaBytes,
    IReadOnlyList<ManifestFile> Media)
{
    public const string FileName = "manifest.json";
    public const string DatabaseFile = "musicsite.db";
    public const string JobsDatabaseFile = "jobs.db";
    public const int CurrentFormat = 1;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public async Task WriteAsync(string path, CancellationToken cancellationToken)
    {
        await using var file = File.Create(path);
        await JsonSerializer.SerializeAsync(file, this, Json, cancellationToken);
    }

    /// <summary>The manifest in <paramref name="folder"/>, or null when it is missing or unreadable.</summary>
    public static async Task<BackupManifest?> ReadAsync(string folder, CancellationToken cancellationToken)
    {
        var path = System.IO.Path.Combine(folder, FileName);
        if (!File.Exists(path))
        {
            return null;
        }
        try
        {
            await using var file = File.OpenRead(path);
            var manifest = await JsonSerializer.DeserializeAsync<BackupManifest>(file, Json, cancellationToken);
            return manifest is { Database: not null, Media: not null, Counts: not null } ? manifest : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
