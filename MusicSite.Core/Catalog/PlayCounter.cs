using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using MusicSite.Common;
using MusicSite.Data;

namespace MusicSite.Catalog;

public enum PlayOutcome { NotFound, TooShort, Counted, AlreadyCounted }

/// <summary>What became of a reported play, and the listening the track needs to count one.</summary>
public sealed record PlayRecord(PlayOutcome Outcome, double ThresholdSeconds);

/// <summary>
/// Counts plays and downloads, each once per listener, track and half hour (reported by <see cref="TrackStatistics"/>).
/// The one owner of who a listener is (<see cref="ListenerKey"/>) and of the window (<see cref="HalfHourOf"/>).
/// </summary>
public sealed class PlayCounter(MusicSiteDbContext db, TrackCatalog catalog, TimeProvider clock)
{
    /// <summary>A play counts after this much listening, or after half the track when that is shorter.</summary>
    public const int FullThresholdSeconds = 30;

    /// <summary>The one rule for when a play counts: min(30 s, half the track). A track of unknown length needs the
    /// full 30 s. Pages hand this number to the player; <see cref="RecordAsync"/> checks reports against it.</summary>
    public static double ThresholdSeconds(double? durationSeconds) =>
        durationSeconds is double duration && duration > 0 ? Math.Min(FullThresholdSeconds, duration / 2) : FullThresholdSeconds;

    /// <summary>One listener counts once per track in each of these windows.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(30);

    /// <summary>
    /// Who listened: a signed-in user by account; anyone else by network address alone (hashed, never stored raw).
    /// Nothing the client chooses freely, such as its User-Agent, is part of the key. An IPv6 client is keyed on
    /// its /64, since one subscriber holds a whole /64 and could count again from each address in it.
    /// </summary>
    public static string ListenerKey(int? userId, IPAddress? address)
    {
        if (userId is { } id)
        {
            return "u:" + id.ToString(CultureInfo.InvariantCulture);
        }
        var network = address is null ? "unknown" : ClientNetwork.Of(address).ToString();
        return "a:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(network)))[..32];
    }

    /// <summary>The window a moment falls in, in half hours since 1970.</summary>
    public static long HalfHourOf(DateTimeOffset moment) => moment.ToUnixTimeSeconds() / (long)Window.TotalSeconds;

    /// <summary>Records a play after <paramref name="listenedSeconds"/> of listening: not found when the viewer cannot
    /// play the track, too short under <see cref="ThresholdSeconds"/>, already counted when this listener's play of
    /// it in this half hour was.</summary>
    public async Task<PlayRecord> RecordAsync(int trackId, double listenedSeconds, Viewer viewer, IPAddress? address,
        CancellationToken cancellationToken)
    {
        var track = await catalog.Visible(viewer).Where(t => t.Id == trackId && t.State == TrackState.Ready)
            .Select(t => new { t.DurationSeconds }).FirstOrDefaultAsync(cancellationToken);
        if (track is null)
        {
            return new PlayRecord(PlayOutcome.NotFound, FullThresholdSeconds);
        }
        var threshold = ThresholdSeconds(track.DurationSeconds);
        if (!(listenedSeconds >= threshold))
        {
            return new PlayRecord(PlayOutcome.TooShort, threshold);
        }
        var now = clock.GetUtcNow();
        var play = new PlayEvent
        {
            TrackId = trackId, UserId = viewer.UserId, ListenerKey = ListenerKey(viewer.UserId, address),
            HalfHour = HalfHourOf(now), PlayedAt = now.UtcDateTime,
        };
        var counted = await CountOnceAsync(play, () => db.Tracks.Where(t => t.Id == trackId)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.PlayCount, t => t.PlayCount + 1), cancellationToken), cancellationToken);
        return new PlayRecord(counted ? PlayOutcome.Counted : PlayOutcome.AlreadyCounted, threshold);
    }

    /// <summary>Records a download the caller has already been allowed; false when this listener's download of
    /// the track in this half hour was already counted.</summary>
    public Task<bool> RecordDownloadAsync(int trackId, Viewer viewer, IPAddress? address, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var download = new DownloadEvent
        {
            TrackId = trackId, UserId = viewer.UserId, ListenerKey = ListenerKey(viewer.UserId, address),
            HalfHour = HalfHourOf(now), DownloadedAt = now.UtcDateTime,
        };
        return CountOnceAsync(download, () => db.Tracks.Where(t => t.Id == trackId)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.DownloadCount, t => t.DownloadCount + 1), cancellationToken), cancellationToken);
    }

    /// <summary>Stores the event and raises the track's counter together; the unique index on (track, listener,
    /// half hour) decides whether this one counts, so two requests at once still count once.</summary>
    private async Task<bool> CountOnceAsync(object counted, Func<Task<int>> raiseCounter, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Add(counted);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is SqliteException { SqliteErrorCode: 19 })
        {
            db.ChangeTracker.Clear();
            return false;
        }
        await raiseCounter();
        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}
