using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MusicSite.Data;

namespace MusicSite.Hosting;

/// <summary>
/// Removes stored media that no row points at: a track or stem folder without its track or stem, an album cover folder without
/// its album, an avatar no account uses. Files are always written before the row that names them is committed
/// (see <see cref="Uploads.TrackUploadService"/>), so a process killed in between leaves exactly such files, and
/// nothing else ever would. Runs at start, before the site serves or runs jobs, so no upload is under way.
/// </summary>
public sealed class OrphanMediaSweep(MusicSiteDbContext db, IOptions<MusicSiteOptions> options, ILogger<OrphanMediaSweep> logger)
{
    public const string TracksFolder = "tracks";
    public const string StemsFolder = Attribution.StemMedia.Root;
    public const string AlbumsFolder = "albums";
    public const string AvatarsFolder = "avatars";

    /// <summary>Removes every orphan and returns how many folders and files went.</summary>
    public async Task<int> RemoveOrphansAsync(CancellationToken cancellationToken)
    {
        var media = options.Value.Paths.Media;
        // A track folder is named by its track, and by the paths of the files stored in it.
        var tracks = (await db.Tracks.Select(t => t.MediaFolder).ToListAsync(cancellationToken))
            .Concat(Under(TracksFolder, await db.MediaFiles.Select(m => m.RelativePath).ToListAsync(cancellationToken)))
            .Concat(Under(TracksFolder, await db.Tracks.Select(t => t.ArtworkPath).ToListAsync(cancellationToken)))
            .Concat(Under(TracksFolder, await db.Tracks.Select(t => t.WaveformPath).ToListAsync(cancellationToken)));
        var stems = (await db.Stems.Select(s => s.MediaFolder).ToListAsync(cancellationToken))
            .Concat(Under(StemsFolder, await db.StemFiles.Select(f => f.RelativePath).ToListAsync(cancellationToken)));
        var albums = Under(AlbumsFolder, await db.Albums.Select(a => a.ArtworkPath).ToListAsync(cancellationToken));
        var avatars = Under(AvatarsFolder, await db.Users.Select(u => u.AvatarPath).ToListAsync(cancellationToken));

        var removed = Sweep(Path.Combine(media, TracksFolder), folders: true, tracks.Where(n => n.Length > 0).ToHashSet(StringComparer.Ordinal))
                      + Sweep(Path.Combine(media, StemsFolder), folders: true, stems.Where(n => n.Length > 0).ToHashSet(StringComparer.Ordinal))
                      + Sweep(Path.Combine(media, AlbumsFolder), folders: true, albums.ToHashSet(StringComparer.Ordinal))
                      + Sweep(Path.Combine(media, AvatarsFolder), folders: false, avatars.ToHashSet(StringComparer.Ordinal));
        if (removed > 0)
        {
            logger.LogWarning("Removed {Count} stored media item(s) that no track, stem, album or account refers to, left by an interrupted write", removed);
        }
        return removed;
    }

    /// <summary>For stored paths such as "tracks/{folder}/original.wav", the entry right under <paramref name="kind"/>.</summary>
    private static IEnumerable<string> Under(string kind, IEnumerable<string?> stored) =>
        stored.Select(p => p?.Split('/', '\\', StringSplitOptions.RemoveEmptyEntries))
            .Where(parts => parts is { Length: >= 2 } && parts[0] == kind)
            .Select(parts => parts![1]);

    private int Sweep(string directory, bool folders, HashSet<string> known)
    {
        if (!Directory.Exists(directory))
        {
            return 0;
        }
        var orphans = (folders ? Directory.EnumerateDirectories(directory) : Directory.EnumerateFiles(directory))
            .Where(path => !known.Contains(Path.GetFileName(path))).ToList();
        var removed = 0;
        foreach (var orphan in orphans)
        {
            try
            {
                if (folders)
                {
                    Directory.Delete(orphan, recursive: true);
                }
                else
                {
                    File.Delete(orphan);
                }
                removed++;
            }
            catch (IOException ex)
            {
                logger.LogWarning(ex, "Could not remove orphaned media {Path}", orphan);
            }
        }
        return removed;
    }
}
