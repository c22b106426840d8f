namespace MusicSite.Catalog;

/// <summary>What tracks and stems share as items the audio pipeline processes: their processing state.</summary>
public interface IProcessedMedia
{
    TrackState State { get; set; }
    string? ProcessingStep { get; set; }
    int ProcessingProgress { get; set; }
    int ProcessingAttempts { get; set; }
    string? ProcessingError { get; set; }
    DateTime UpdatedAt { get; set; }
}

/// <summary>The one place that moves a track or a stem between processing states outside the pipeline itself: queued
/// again from its original (an admin's re-run), or stopped by an admin.</summary>
public static class ProcessingStates
{
    /// <summary>Back to pending with a fresh attempt count and no error, ready to be queued.</summary>
    public static void Requeue(IProcessedMedia item, DateTime now)
    {
        item.State = TrackState.Pending;
        item.ProcessingStep = "queued";
        item.ProcessingProgress = 0;
        item.ProcessingAttempts = 0;
        item.ProcessingError = null;
        item.UpdatedAt = now;
    }

    /// <summary>Failed with <paramref name="reason"/> (capped as every stored failure is); no step, no progress.</summary>
    public static void Stop(IProcessedMedia item, string reason, DateTime now)
    {
        item.State = TrackState.Failed;
        item.ProcessingStep = null;
        item.ProcessingProgress = 0;
        item.ProcessingError = Jobs.ProcessingRetry.Reason(reason);
        item.UpdatedAt = now;
    }
}
