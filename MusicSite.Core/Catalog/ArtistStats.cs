using Microsoft.EntityFrameworkCore;
using MusicSite.Data;

namespace MusicSite.Catalog;

/// <summary>One track's counts over the period. <see cref="ListeningSeconds"/> is an estimate: counted plays times
/// the track's length (a play counts after min(30 s, half the track), and the player does not report how long
/// it really played).</summary>
public sealed record TrackPeriodStats(int TrackId, string Title, double? DurationSeconds, int Plays, int Downloads, double ListeningSeconds);

/// <summary>"Your stats": the artist's plays, estimated listening time and downloads per day and per track.</summary>
public sealed record ArtistStatsReport(DateOnly From, DateOnly To, IReadOnlyList<DailyCount> Days, IReadOnlyList<TrackPeriodStats> Tracks)
{
    public int Plays => Tracks.Sum(t => t.Plays);
    public int Downloads => Tracks.Sum(t => t.Downloads);
    public double ListeningSeconds => Tracks.Sum(t => t.ListeningSeconds);
}

/// <summary>The report behind "Your stats", for the uploader's own tracks (deleted ones left out).</summary>
public sealed class ArtistStats(MusicSiteDbContext db, TrackStatistics statistics)
{
    public const int Days = 30;

    public async Task<ArtistStatsReport> ReportAsync(int uploaderId, CancellationToken cancellationToken)
    {
        var own = db.Tracks.Where(t => t.UploaderId == uploaderId && t.DeletedAt == null);
        var (from, to) = statistics.LastDays(Days);
        var rows = await statistics.PerTrackAndDayAsync(own, from, cancellationToken);
        var tracks = await own.Select(t => new { t.Id, t.Title, t.DurationSeconds }).ToListAsync(cancellationToken);
        var perTrack = tracks.Select(t =>
            {
                var plays = rows.Where(r => r.TrackId == t.Id).Sum(r => r.Plays);
                return new TrackPeriodStats(t.Id, t.Title, t.DurationSeconds, plays, rows.Where(r => r.TrackId == t.Id).Sum(r => r.Downloads),
                    plays * (t.DurationSeconds ?? 0));
            })
            .OrderByDescending(t => t.Plays).ThenByDescending(t => t.Downloads).ThenBy(t => t.Title, StringComparer.CurrentCulture)
            .ToList();
        return new ArtistStatsReport(from, to, TrackStatistics.Daily(rows, from, to), perTrack);
    }
}
