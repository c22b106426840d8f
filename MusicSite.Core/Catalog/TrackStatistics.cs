using Microsoft.EntityFrameworkCore;
using MusicSite.Data;

namespace MusicSite.Catalog;

/// <summary>A track's counts: totals, distinct listeners, and plays in the current day, week (from Monday) and
/// month, all in UTC by the site's clock; its likes and comments (the counters kept by triggers), and, for a signed-in
/// caller, whether they like it.</summary>
public sealed record TrackStats(int Plays, int UniqueListeners, int Downloads, int PlaysToday, int PlaysThisWeek, int PlaysThisMonth,
    int Likes = 0, int Comments = 0)
{
    public static readonly TrackStats None = new(0, 0, 0, 0, 0, 0);

    /// <summary>Whether the caller likes the track: only for a signed-in caller.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public bool? Liked { get; init; }
}

/// <summary>Plays and downloads on one UTC day.</summary>
public sealed record DailyCount(DateOnly Day, int Plays, int Downloads);

/// <summary>
/// The one owner of the counts shown about tracks: the windows (today, this week, this month), and the daily
/// series of the last days. Every query covers a whole set of tracks at once (one grouped query per page), never
/// a query per row.
/// </summary>
public sealed class TrackStatistics(MusicSiteDbContext db, TimeProvider clock)
{
    /// <summary>Events carry their half hour since 1970 (UTC); a day is 48 of them.</summary>
    internal const long HalfHoursPerDay = 48;

    public async Task<TrackStats> ForAsync(int trackId, CancellationToken cancellationToken) =>
        (await ForAsync([trackId], cancellationToken)).GetValueOrDefault(trackId, TrackStats.None);

    /// <summary>The counts of each track in <paramref name="trackIds"/>: one grouped query over the plays and one
    /// over the tracks' counters, whatever the number of tracks.</summary>
    public async Task<IReadOnlyDictionary<int, TrackStats>> ForAsync(IReadOnlyCollection<int> trackIds, CancellationToken cancellationToken)
    {
        if (trackIds.Count == 0)
        {
            return new Dictionary<int, TrackStats>();
        }
        // The windows start at midnight, on a half hour, so "since that half hour" is "since that moment", and the
        // unique index (TrackId, ListenerKey, HalfHour) then holds every column read: a page's twenty tracks read their
        // plays from a few index pages, not from the table rows spread over the whole play history (1-2 ms cold).
        var (today, week, month) = Windows();
        var (todayFrom, weekFrom, monthFrom) = (FirstHalfHour(today), FirstHalfHour(week), FirstHalfHour(month));
        var ids = trackIds.Distinct().ToList();
        var windows = await db.PlayEvents.Where(p => ids.Contains(p.TrackId)).GroupBy(p => p.TrackId)
            .Select(g => new
            {
                TrackId = g.Key,
                Listeners = g.Select(p => p.ListenerKey).Distinct().Count(),
                Today = g.Count(p => p.HalfHour >= todayFrom),
                Week = g.Count(p => p.HalfHour >= weekFrom),
                Month = g.Count(p => p.HalfHour >= monthFrom),
            })
            .ToDictionaryAsync(w => w.TrackId, cancellationToken);
        var counters = await db.Tracks.Where(t => ids.Contains(t.Id))
            .Select(t => new { t.Id, t.PlayCount, t.DownloadCount, t.LikeCount, t.CommentCount })
            .ToListAsync(cancellationToken);
        return counters.ToDictionary(c => c.Id, c => windows.TryGetValue(c.Id, out var w)
            ? new TrackStats(c.PlayCount, w.Listeners, c.DownloadCount, w.Today, w.Week, w.Month, c.LikeCount, c.CommentCount)
            : new TrackStats(c.PlayCount, 0, c.DownloadCount, 0, 0, 0, c.LikeCount, c.CommentCount));
    }

    /// <summary>The starts of the windows "today", "this week" (from Monday) and "this month", in UTC by the site's clock.</summary>
    public (DateTime Today, DateTime Week, DateTime Month) Windows()
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var today = now.Date;
        return (today, WeekStart(today), new DateTime(now.Year, now.Month, 1, 0, 0, 0, DateTimeKind.Utc));
    }

    /// <summary>The Monday (00:00 UTC) that starts the week of <paramref name="day"/>: weeks start on Monday.</summary>
    public static DateTime WeekStart(DateTime day) => day.Date.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    /// <summary>The first half hour (since 1970, as events store it) of <paramref name="day"/>.</summary>
    internal static long FirstHalfHour(DateOnly day) =>
        (long)(day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) - DateTime.UnixEpoch).TotalDays * HalfHoursPerDay;

    /// <summary>The first half hour of the UTC day that starts at <paramref name="midnight"/>.</summary>
    private static long FirstHalfHour(DateTime midnight) => FirstHalfHour(DateOnly.FromDateTime(midnight));

    /// <summary>The last <paramref name="days"/> UTC days up to today, oldest first, with every day present.</summary>
    public (DateOnly From, DateOnly To) LastDays(int days)
    {
        var to = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        return (to.AddDays(1 - days), to);
    }

    /// <summary>Plays and downloads per track and day from <paramref name="from"/> on, for the tracks selected by
    /// <paramref name="tracks"/>: two grouped queries. Days without events are absent.</summary>
    public async Task<IReadOnlyList<(int TrackId, DateOnly Day, int Plays, int Downloads)>> PerTrackAndDayAsync(IQueryable<Track> tracks,
        DateOnly from, CancellationToken cancellationToken)
    {
        var firstHalfHour = FirstHalfHour(from);
        var ids = tracks.Select(t => t.Id);
        var plays = await db.PlayEvents.Where(p => p.HalfHour >= firstHalfHour && ids.Contains(p.TrackId))
            .GroupBy(p => new { p.TrackId, Day = p.HalfHour / HalfHoursPerDay })
            .Select(g => new { g.Key.TrackId, g.Key.Day, Count = g.Count() }).ToListAsync(cancellationToken);
        var downloads = await db.DownloadEvents.Where(d => d.HalfHour >= firstHalfHour && ids.Contains(d.TrackId))
            .GroupBy(d => new { d.TrackId, Day = d.HalfHour / HalfHoursPerDay })
            .Select(g => new { g.Key.TrackId, g.Key.Day, Count = g.Count() }).ToListAsync(cancellationToken);
        return plays.Select(p => (p.TrackId, p.Day)).Union(downloads.Select(d => (d.TrackId, d.Day)))
            .Select(key => (key.TrackId, DateOnly.FromDateTime(DateTime.UnixEpoch.AddDays(key.Day)),
                plays.FirstOrDefault(p => p.TrackId == key.TrackId && p.Day == key.Day)?.Count ?? 0,
                downloads.FirstOrDefault(d => d.TrackId == key.TrackId && d.Day == key.Day)?.Count ?? 0))
            .ToList();
    }

    /// <summary>Every day from <paramref name="from"/> to <paramref name="to"/>, summed over the tracks.</summary>
    public static IReadOnlyList<DailyCount> Daily(IEnumerable<(int TrackId, DateOnly Day, int Plays, int Downloads)> rows, DateOnly from, DateOnly to)
    {
        var byDay = rows.GroupBy(r => r.Day).ToDictionary(g => g.Key, g => (Plays: g.Sum(r => r.Plays), Downloads: g.Sum(r => r.Downloads)));
        return Enumerable.Range(0, to.DayNumber - from.DayNumber + 1).Select(from.AddDays)
            .Select(day => byDay.TryGetValue(day, out var c) ? new DailyCount(day, c.Plays, c.Downloads) : new DailyCount(day, 0, 0))
            .ToList();
    }

    /// <summary>One track's plays and downloads per day over the last <paramref name="days"/> days.</summary>
    public async Task<IReadOnlyList<DailyCount>> DailyAsync(int trackId, int days, CancellationToken cancellationToken)
    {
        var (from, to) = LastDays(days);
        return Daily(await PerTrackAndDayAsync(db.Tracks.Where(t => t.Id == trackId), from, cancellationToken), from, to);
    }
}
