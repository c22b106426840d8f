using Microsoft.Extensions.Logging;
using MusicSite.Media;
using Quartz;

namespace MusicSite.Jobs;

/// <summary>Runs the audio pipeline for one track, with bounded retries and exponential backoff.</summary>
public sealed class ProcessTrackJob(
    AudioPipeline pipeline,
    TrackProcessingQueue queue,
    ILogger<ProcessTrackJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        if (TrackProcessingQueue.TrackIdOf(context) is not { } trackId)
        {
            logger.LogError("Process job {Key} has no track id", context.JobDetail.Key);
            return;
        }

        try
        {
            await pipeline.ProcessAsync(trackId, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: the track stays "processing" and is queued again at the next start.
            throw;
        }
        catch (Exception ex)
        {
            var reason = ex is MediaToolException ? ex.Message : "Processing failed unexpectedly.";
            var failure = await pipeline.RecordFailureAsync(trackId, reason, CancellationToken.None);
            logger.LogError(ex, "Processing track {TrackId} failed (attempt {Attempt} of {Max})", trackId, failure.Attempts, failure.MaxAttempts);
            if (failure.RetryAfter is { } delay)
            {
                await queue.EnqueueAsync(trackId, delay, CancellationToken.None);
            }
        }
    }
}
