using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MusicSite.Jobs.History;
using MusicSite.Media;
using Quartz;

namespace MusicSite.Jobs;

/// <summary>Runs the audio pipeline for one track, with bounded retries and exponential backoff.</summary>
public sealed class ProcessTrackJob(
    AudioPipeline pipeline,
    TrackProcessingQueue queue,
    ProcessingStop stop,
    IHostApplicationLifetime lifetime,
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
            if (lifetime.ApplicationStopping.IsCancellationRequested)
            {
                // Shutting down: the track stays "processing" and is queued again at the next start.
                throw;
            }
            // Not a shutdown, so an admin interrupted the run (/admin/jobs): the track ends failed, never stuck in processing.
            await stop.StopAsync(new JobSubject(JobSubject.Track, trackId), RunReport.CancelledByAdmin, CancellationToken.None);
            context.Result = RunReport.Cancelled(RunReport.CancelledByAdmin);
            logger.LogInformation("Processing track {Id} was cancelled by an admin", trackId);
        }
        catch (Exception ex)
        {
            var reason = ex is MediaToolException ? ex.Message : "Processing failed unexpectedly.";
            context.Result = RunReport.Failed(reason, ex);
            var failure = await pipeline.RecordFailureAsync(trackId, reason, CancellationToken.None);
            logger.LogError(ex, "Processing track {TrackId} failed (attempt {Attempt} of {Max})", trackId, failure.Attempts, failure.MaxAttempts);
            if (failure.RetryAfter is { } delay)
            {
                await queue.EnqueueAsync(trackId, delay, CancellationToken.None);
            }
        }
    }
}
