using Microsoft.EntityFrameworkCore;
using MusicSite.Catalog;
using MusicSite.Data;

namespace MusicSite.Jobs.History;

/// <summary>
/// The one rule for a track or stem whose processing an admin stopped (a pending run unscheduled, a running one
/// interrupted): it ends Failed with the reason, never left Pending or Processing with no job behind it. An admin's
/// retry queues it again.
/// </summary>
public sealed class ProcessingStop(MusicSiteDbContext db, TimeProvider clock)
{
    /// <summary>Marks the subject failed with <paramref name="reason"/> and saves (with whatever else the unit of
    /// work holds, such as its audit entry). False when it is not waiting or processing.</summary>
    public async Task<bool> StopAsync(JobSubject subject, string reason, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var stopped = false;
        if (subject.Type == JobSubject.Track
            && await db.Tracks.FirstOrDefaultAsync(t => t.Id == subject.Id && t.DeletedAt == null, cancellationToken) is { } track
            && track.State is TrackState.Pending or TrackState.Processing)
        {
            ProcessingStates.Stop(track, reason, now);
            stopped = true;
        }
        else if (subject.Type == JobSubject.Stem
                 && await db.Stems.FirstOrDefaultAsync(s => s.Id == subject.Id && s.DeletedAt == null, cancellationToken) is { } stem
                 && stem.State is TrackState.Pending or TrackState.Processing)
        {
            ProcessingStates.Stop(stem, reason, now);
            stopped = true;
        }
        await db.SaveChangesAsync(cancellationToken);
        return stopped;
    }
}
