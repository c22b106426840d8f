using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using MusicSite.Data;

namespace MusicSite.Catalog;

public sealed record PlayStats(int Total, int Today, int ThisWeek, int ThisMonth, int Downloads);

/// <summary>Counts plays (one per listener, track and half hour) and reports them for the track page.</summary>
public sealed class PlayCounter(MusicSiteDbContext db, TrackCatalog catalog, TimeProvider clock)
{
    /// <summary>A player counts a play after this much listening.</summary>
    public const int MinimumSeconds = 30;

    /// <summary>Records a play. Null when the viewer cannot play the track; false when this listener's play
    /// of it in this half hour was already counted.</summary>
    public async Task<bool?> RecordAsync(int trackId, Viewer viewer, string listenerKey, CancellationToken cancellationToken)
    {
        if (!await catalog.Visible(viewer).AnyAsync(t => t.Id == trackId && t.State == TrackState.Ready, cancellationToken))
        {
            return null;
        }
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.PlayEvents.Add(new PlayEvent
        {
            TrackId = trackId,
            UserId = viewer.UserId,
            ListenerKey = listenerKey,
            HalfHour = now.ToUnixTimeSeconds() / 1800,
            PlayedAt = now.UtcDateTime,
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is SqliteException { SqliteErrorCode: 19 })
        {
            // The unique index says this listener's play in this half hour is already counted.
            db.ChangeTracker.Clear();
            return false;
        }
        await db.Tracks.Where(t => t.Id == trackId)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.PlayCount, t => t.PlayCount + 1), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<PlayStats> StatsAsync(int trackId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var today = now.Date;
        var week = today.AddDays(-(((int)today.DayOfWeek + 6) % 7)); // weeks start on Monday
        var month = new DateTime(now.Year, now.Month, 1, 0, 0, 0, DateTimeKind.Utc);
        var plays = db.PlayEvents.Where(p => p.TrackId == trackId);
        var counters = await db.Tracks.Where(t => t.Id == trackId).Select(t => new { t.PlayCount, t.DownloadCount })
            .FirstOrDefaultAsync(cancellationToken);
        return new PlayStats(counters?.PlayCount ?? 0,
            await plays.CountAsync(p => p.PlayedAt >= today, cancellationToken),
            await plays.CountAsync(p => p.PlayedAt >= week, cancellationToken),
            await plays.CountAsync(p => p.PlayedAt >= month, cancellationToken),
            counters?.DownloadCount ?? 0);
    }
}
