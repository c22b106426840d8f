using System.Security.Cryptography;

namespace MusicSite.Admin.Backups;

/// <summary>What differs between a manifest's media list and a media folder.</summary>
public sealed record MediaDifferences(IReadOnlyList<string> Missing, IReadOnlyList<string> Changed)
{
    public bool None => Missing.Count == 0 && Changed.Count == 0;
}

/// <summary>The one owner of how media files are listed and compared: relative paths with '/', size and SHA-256.</summary>
public static class MediaManifest
{
    /// <summary>Every file under <paramref name="mediaRoot"/>, sorted by path. A file removed while the walk runs
    /// (a track deleted meanwhile) is left out.</summary>
    public static async Task<IReadOnlyList<ManifestFile>> ListAsync(string mediaRoot, CancellationToken cancellationToken)
    {
        var files = new List<ManifestFile>();
        if (!Directory.Exists(mediaRoot))
        {
            return files;
        }
        foreach (var path in Directory.EnumerateFiles(mediaRoot, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                files.Add(await DescribeAsync(path, Relative(mediaRoot, path), cancellationToken));
            }
            catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
            {
                // Deleted between the listing and the read: it is not part of this backup.
            }
        }
        return files;
    }

    public static async Task<ManifestFile> DescribeAsync(string path, string relativePath, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete,
            bufferSize: 1 << 16, useAsync: true);
        var hash = await SHA256.HashDataAsync(stream, cancellationToken);
        return new ManifestFile(relativePath, stream.Length, Convert.ToHexStringLower(hash));
    }

    /// <summary>The manifest's files that are missing from <paramref name="mediaRoot"/>, or there with another size
    /// or checksum. Files in the folder that the manifest does not list are not differences (newer uploads).</summary>
    public static async Task<MediaDifferences> CompareAsync(IEnumerable<ManifestFile> expected, string mediaRoot,
        CancellationToken cancellationToken)
    {
        var missing = new List<string>();
        var changed = new List<string>();
        var root = Path.GetFullPath(mediaRoot) + Path.DirectorySeparatorChar;
        foreach (var file in expected)
        {
            var full = Path.GetFullPath(Path.Combine(root, file.Path));
            if (!full.StartsWith(root, StringComparison.Ordinal) || !File.Exists(full))
            {
                missing.Add(file.Path);
                continue;
            }
            if (new FileInfo(full).Length != file.SizeBytes
                || (await DescribeAsync(full, file.Path, cancellationToken)).Sha256 != file.Sha256)
            {
                changed.Add(file.Path);
            }
        }
        return new MediaDifferences(missing, changed);
    }

    public static string Relative(string root, string path) =>
        Path.GetRelativePath(root, path).Replace(Path.DirectorySeparatorChar, '/');
}
