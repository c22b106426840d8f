using Microsoft.Data.Sqlite;
using MusicSite.Catalog;

static partial class CatalogBuilder
{
    /// <summary>About three counted plays per track over the last fourteen days, skewed (most tracks get none or
    /// one, a few get dozens, one in a thousand hundreds), inserted in time order as the site counts them; each
    /// listener key once per track, so (TrackId, ListenerKey, HalfHour) stays unique. Every kind of track gets plays
    /// (a track made private or deleted keeps the plays it had), so the pages' visibility checks matter. Returns how
    /// many were inserted.</summary>
    private static int AddPlayEvents(SqliteConnection connection, Random random, long firstTrack, int trackCount)
    {
        var now = DateTimeOffset.UtcNow;
        var window = TimeSpan.FromDays(14);
        var events = new List<(long Track, int Listener, long Ticks)>(trackCount * 3);
        for (var i = 0; i < trackCount; i++)
        {
            // 12 u^3 has mean 3 (its median is 1).
            var count = (int)(12 * Math.Pow(random.NextDouble(), 3)) + (random.Next(1000) == 0 ? random.Next(50, 400) : 0);
            for (var j = 0; j < count; j++)
            {
                events.Add((firstTrack + i, j, (now - window * random.NextDouble()).UtcTicks));
            }
        }
        events.Sort((a, b) => a.Ticks.CompareTo(b.Ticks));
        using var play = Prepare(connection, """
            INSERT INTO "PlayEvents" ("TrackId", "UserId", "ListenerKey", "HalfHour", "PlayedAt")
            VALUES ($track, NULL, $listener, $halfHour, $playedAt)
            """, "$track", "$listener", "$halfHour", "$playedAt");
        foreach (var (track, listener, ticks) in events)
        {
            var at = new DateTimeOffset(ticks, TimeSpan.Zero);
            Run(play, track, $"bench:{listener}", PlayCounter.HalfHourOf(at), at.UtcDateTime);
        }
        return events.Count;
    }
}
