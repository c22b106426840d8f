using System.Globalization;
using Microsoft.EntityFrameworkCore;
using MusicSite.Catalog;
using MusicSite.Data;

namespace MusicSite.Admin;

/// <summary>One bar of a chart: a stable key (a day, a week's Monday, an id), the label people read, the count,
/// and a link on the site to what it counts (or null).</summary>
public sealed record ChartBar(string Key, string Label, int Value, string? Link = null);

/// <summary>The dashboard's four series, all in UTC by the site's clock.</summary>
public sealed record SiteChartSet(IReadOnlyList<ChartBar> PlaysPerDay, IReadOnlyList<ChartBar> UploadsPerWeek,
    IReadOnlyList<ChartBar> TopTracks, IReadOnlyList<ChartBar> TopGenres);

/// <summary>
/// The one owner of the dashboard's series: plays per day over <see cref="Days"/> days, track uploads per week over
/// <see cref="Weeks"/> weeks (from Monday), and the most played tracks and genres over the same <see cref="Days"/> days.
/// Days and weeks without any count are present with 0, so the time series never skip.
/// </summary>
public sealed class SiteCharts(MusicSiteDbContext db, TrackStatistics statistics)
{
    public const int Days = 30;
    public const int Weeks = 12;
    public const int Top = 10;

    public async Task<SiteChartSet> BuildAsync(CancellationToken cancellationToken) => new(
        await PlaysPerDayAsync(cancellationToken),
        await UploadsPerWeekAsync(cancellationToken),
        await TopTracksAsync(cancellationToken),
        await TopGenresAsync(cancellationToken));

    /// <summary>Counted plays of every track (removed tracks included: their plays are kept) on each of the last days.</summary>
    public async Task<IReadOnlyList<ChartBar>> PlaysPerDayAsync(CancellationToken cancellationToken)
    {
        var (from, to) = statistics.LastDays(Days);
        var first = TrackStatistics.FirstHalfHour(from);
        var perDay = await db.PlayEvents.Where(p => p.HalfHour >= first)
            .GroupBy(p => p.HalfHour / TrackStatistics.HalfHoursPerDay)
            .Select(g => new { Day = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => DateOnly.FromDateTime(DateTime.UnixEpoch.AddDays(g.Day)), g => g.Count, cancellationToken);
        return Enumerable.Range(0, to.DayNumber - from.DayNumber + 1).Select(from.AddDays)
            .Select(day => new ChartBar(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                day.ToString("d MMM", CultureInfo.InvariantCulture), perDay.GetValueOrDefault(day)))
            .ToList();
    }

    /// <summary>Tracks uploaded in each of the last weeks (Monday to Sunday, UTC), counted by when their row was
    /// made; tracks deleted since still count, as their upload happened.</summary>
    public async Task<IReadOnlyList<ChartBar>> UploadsPerWeekAsync(CancellationToken cancellationToken)
    {
        var thisWeek = statistics.Windows().Week;
        var first = thisWeek.AddDays(-7 * (Weeks - 1));
        var created = await db.Tracks.Where(t => t.CreatedAt >= first).Select(t => t.CreatedAt).ToListAsync(cancellationToken);
        var perWeek = created.GroupBy(TrackStatistics.WeekStart).ToDictionary(g => g.Key, g => g.Count());
        return Enumerable.Range(0, Weeks).Select(i => first.AddDays(7 * i))
            .Select(monday => new ChartBar(monday.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                monday.ToString("d MMM", CultureInfo.InvariantCulture), perWeek.GetValueOrDefault(monday)))
            .ToList();
    }

    /// <summary>The most played tracks of the last days (ties by title); a removed track keeps its plays and shows
    /// as "Removed track" without a link.</summary>
    public async Task<IReadOnlyList<ChartBar>> TopTracksAsync(CancellationToken cancellationToken)
    {
        var first = TrackStatistics.FirstHalfHour(statistics.LastDays(Days).From);
        var counts = await db.PlayEvents.Where(p => p.HalfHour >= first).GroupBy(p => p.TrackId)
            .Select(g => new { TrackId = g.Key, Count = g.Count() })
            .OrderByDescending(g => g.Count).ThenBy(g => g.TrackId).Take(Top * 2)
            .ToListAsync(cancellationToken);
        var ids = counts.Select(c => c.TrackId).ToList();
        var tracks = await db.Tracks.Where(t => ids.Contains(t.Id))
            .Select(t => new { t.Id, t.Title, t.ArtistName, Gone = t.DeletedAt != null })
            .ToDictionaryAsync(t => t.Id, cancellationToken);
        return counts
            .Select(c => tracks.TryGetValue(c.TrackId, out var t) && !t.Gone
                ? new ChartBar(c.TrackId.ToString(CultureInfo.InvariantCulture), $"{t.Title} · {t.ArtistName}", c.Count, $"/tracks/{c.TrackId}")
                : new ChartBar(c.TrackId.ToString(CultureInfo.InvariantCulture), $"Removed track #{c.TrackId}", c.Count))
            .OrderByDescending(b => b.Value).ThenBy(b => b.Label, StringComparer.Ordinal)
            .Take(Top)
            .ToList();
    }

    /// <summary>The genres whose tracks were played most in the last days: each play counts once for every genre
    /// its track is tagged with (a track in two genres counts for both). Ties by name.</summary>
    public async Task<IReadOnlyList<ChartBar>> TopGenresAsync(CancellationToken cancellationToken)
    {
        var first = TrackStatistics.FirstHalfHour(statistics.LastDays(Days).From);
        var rows = await (
                from play in db.PlayEvents
                where play.HalfHour >= first
                join link in db.TrackGenres on play.TrackId equals link.TrackId
                join genre in db.Genres on link.GenreId equals genre.Id
                group play by new { genre.Id, genre.Name, genre.Slug } into g
                select new { g.Key.Id, g.Key.Name, g.Key.Slug, Count = g.Count() })
            .OrderByDescending(g => g.Count).ThenBy(g => g.Name).Take(Top)
            .ToListAsync(cancellationToken);
        return rows.Select(g => new ChartBar(g.Slug, g.Name, g.Count, $"/genres/{g.Slug}")).ToList();
    }
}
