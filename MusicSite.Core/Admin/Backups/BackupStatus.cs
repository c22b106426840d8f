using Microsoft.Extensions.Options;

namespace MusicSite.Admin.Backups;

/// <summary>How backups stand: the newest, its age, the last failure, one running now, and whether that is a
/// problem: the newest backup older than <see cref="BackupOptions.MaxAgeHours"/>, or the last attempt failed.</summary>
public sealed record BackupStatus(BackupInfo? Newest, TimeSpan? Age, BackupFailure? LastFailure, DateTime? RunningSince,
    TimeSpan MaxAge)
{
    public bool Overdue => Age > MaxAge;

    /// <summary>A failure newer than the newest backup: the last attempt did not make one.</summary>
    public bool LastAttemptFailed => LastFailure is { } failure && (Newest is null || failure.At > Newest.CreatedAt);

    public bool NeedsAttention => Overdue || LastAttemptFailed;
}

/// <summary>The one owner of the "are backups fine" rule, read by the health check and the backups page.</summary>
public sealed class BackupMonitor(BackupStore store, BackupGate gate, IOptions<BackupOptions> options, TimeProvider clock)
{
    public async Task<BackupStatus> GetAsync(CancellationToken cancellationToken)
    {
        var newest = await store.NewestAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        return new BackupStatus(newest, newest is null ? null : now - newest.CreatedAt, gate.LastFailure, gate.RunningSince,
            TimeSpan.FromHours(Math.Max(1, options.Value.MaxAgeHours)));
    }
}
