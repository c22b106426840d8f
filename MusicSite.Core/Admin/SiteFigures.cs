using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MusicSite.Artists;
using MusicSite.Catalog;
using MusicSite.Data;
using MusicSite.Hosting;
using MusicSite.Media;

namespace MusicSite.Admin;

/// <summary>How many of each thing the site holds. Users, tracks and stems exclude deleted ones (a deleted account
/// stays as a "Former member" row); artists follow
/// <see cref="ArtistDirectory"/>'s rule (a public, ready track or an album).</summary>
public sealed record SiteCounts(int Users, int Artists, int Tracks, int Albums, int Stems);

/// <summary>Bytes stored by kind, and the disk of the data directory. Originals, variants and stems are the sizes
/// their rows record (MediaFile, StemFile); artwork has no row with a size, so its files are measured on disk.</summary>
public sealed record StorageFigures(long OriginalBytes, long VariantBytes, long StemBytes, long ArtworkBytes, DiskUse Disk)
{
    public long TotalBytes => OriginalBytes + VariantBytes + StemBytes + ArtworkBytes;
}

/// <summary>Counted plays in the current day, week (from Monday) and month, UTC; each window's start is given.</summary>
public sealed record PlayWindows(DateTime TodayFrom, DateTime WeekFrom, DateTime MonthFrom, int Today, int ThisWeek, int ThisMonth);

/// <summary>Tracks and stems waiting for processing (pending) or being processed now; deleted ones left out.</summary>
public sealed record QueueFigures(int TracksPending, int TracksProcessing, int StemsPending, int StemsProcessing)
{
    public int Depth => TracksPending + TracksProcessing + StemsPending + StemsProcessing;
}

/// <summary>The dashboard's key numbers at <see cref="At"/> (UTC).</summary>
public sealed record SiteFigureSet(DateTime At, SiteCounts Counts, StorageFigures Storage, PlayWindows Plays, QueueFigures Queue);

/// <summary>
/// The one owner of the admin dashboard's key numbers: counts, storage by kind, plays in the UTC windows of
/// <see cref="TrackStatistics.Windows"/>, and the processing queue. A few aggregate queries, no per-row work except
/// measuring artwork files (two small files per cover).
/// </summary>
public sealed class SiteFigures(MusicSiteDbContext db, ArtistDirectory artists, TrackStatistics statistics, TimeProvider clock,
    IOptions<MusicSiteOptions> options)
{
    public async Task<SiteFigureSet> MeasureAsync(CancellationToken cancellationToken) => new(
        clock.GetUtcNow().UtcDateTime,
        await CountsAsync(cancellationToken),
        await StorageAsync(cancellationToken),
        await PlaysAsync(cancellationToken),
        await QueueAsync(cancellationToken));

    public async Task<SiteCounts> CountsAsync(CancellationToken cancellationToken) => new(
        await db.Users.CountAsync(u => u.DeletedAt == null, cancellationToken),
        await artists.ArtistIds().CountAsync(cancellationToken),
        await db.Tracks.CountAsync(t => t.DeletedAt == null, cancellationToken),
        await db.Albums.CountAsync(cancellationToken),
        await db.Stems.CountAsync(s => s.DeletedAt == null, cancellationToken));

    public async Task<StorageFigures> StorageAsync(CancellationToken cancellationToken)
    {
        var byKind = await db.MediaFiles.GroupBy(m => m.Kind == MediaKind.Original)
            .Select(g => new { Original = g.Key, Bytes = g.Sum(m => m.SizeBytes) }).ToListAsync(cancellationToken);
        var stems = await db.StemFiles.SumAsync(f => (long?)f.SizeBytes, cancellationToken) ?? 0;
        var covers = await db.Tracks.Where(t => t.ArtworkPath != null).Select(t => t.ArtworkPath!)
            .Union(db.Albums.Where(a => a.ArtworkPath != null).Select(a => a.ArtworkPath!))
            .ToListAsync(cancellationToken);
        return new StorageFigures(
            byKind.Where(k => k.Original).Sum(k => k.Bytes),
            byKind.Where(k => !k.Original).Sum(k => k.Bytes),
            stems,
            ArtworkBytes(covers),
            DiskUse.Of(options.Value.Paths));
    }

    public async Task<PlayWindows> PlaysAsync(CancellationToken cancellationToken)
    {
        var (today, week, month) = statistics.Windows();
        // The month and the week can each start before the other; one query counts from the earlier of the two.
        var from = week < month ? week : month;
        var counts = await db.PlayEvents.Where(p => p.PlayedAt >= from).GroupBy(_ => 1)
            .Select(g => new
            {
                Today = g.Count(p => p.PlayedAt >= today),
                Week = g.Count(p => p.PlayedAt >= week),
                Month = g.Count(p => p.PlayedAt >= month),
            })
            .SingleOrDefaultAsync(cancellationToken);
        return new PlayWindows(today, week, month, counts?.Today ?? 0, counts?.Week ?? 0, counts?.Month ?? 0);
    }

    public async Task<QueueFigures> QueueAsync(CancellationToken cancellationToken)
    {
        TrackState[] waiting = [TrackState.Pending, TrackState.Processing];
        var tracks = await db.Tracks.Where(t => t.DeletedAt == null && waiting.Contains(t.State)).GroupBy(t => t.State)
            .Select(g => new { State = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.State, g => g.Count, cancellationToken);
        var stems = await db.Stems.Where(s => s.DeletedAt == null && waiting.Contains(s.State)).GroupBy(s => s.State)
            .Select(g => new { State = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.State, g => g.Count, cancellationToken);
        return new QueueFigures(
            tracks.GetValueOrDefault(TrackState.Pending), tracks.GetValueOrDefault(TrackState.Processing),
            stems.GetValueOrDefault(TrackState.Pending), stems.GetValueOrDefault(TrackState.Processing));
    }

    /// <summary>The bytes of every stored cover: its large image and thumbnail (<see cref="ArtworkStore"/>'s layout),
    /// or the one file of an old single-file cover. A file already gone counts nothing.</summary>
    private long ArtworkBytes(IEnumerable<string> stored)
    {
        var paths = options.Value.Paths;
        return stored.SelectMany(s => new[] { ArtworkStore.LargeFile(s), ArtworkStore.ThumbnailFile(s) }.Distinct())
            .Select(relative =>
            {
                try
                {
                    var file = new FileInfo(paths.MediaPath(relative));
                    return file.Exists ? file.Length : 0;
                }
                catch (InvalidOperationException)
                {
                    return 0; // a stored path outside the media root is never read
                }
            })
            .Sum();
    }
}

/// <summary>The disk that holds the data directory: its size and free space, and the share in use.</summary>
public sealed record DiskUse(long TotalBytes, long FreeBytes)
{
    public double UsedPercent => TotalBytes <= 0 ? 0 : Math.Round(100.0 * (TotalBytes - FreeBytes) / TotalBytes, 1);

    public static DiskUse Of(DataPaths paths)
    {
        var drive = new DriveInfo(paths.FullRoot);
        return new DiskUse(drive.TotalSize, drive.AvailableFreeSpace);
    }
}
