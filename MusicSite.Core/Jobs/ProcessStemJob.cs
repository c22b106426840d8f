using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MusicSite.Jobs.History;
using MusicSite.Media;
using Quartz;

namespace MusicSite.Jobs;

/// <summary>Runs the stem pipeline for one stem, with the same bounded retries and backoff as tracks.</summary>
public sealed class ProcessStemJob(
    StemPipeline pipeline,
    StemProcessingQueue queue,
    ProcessingStop stop,
    IHostApplicationLifetime lifetime,
    ILogger<ProcessStemJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        if (StemProcessingQueue.StemIdOf(context) is not { } stemId)
        {
            logger.LogError("Stem job {Key} has no stem id", context.JobDetail.Key);
            return;
        }

        try
        {
            await pipeline.ProcessAsync(stemId, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            if (lifetime.ApplicationStopping.IsCancellationRequested)
            {
                // Shutting down: the stem stays "processing" and is queued again at the next start.
                throw;
            }
            // Not a shutdown, so an admin interrupted the run (/admin/jobs): the stem ends failed, never stuck in processing.
            await stop.StopAsync(new JobSubject(JobSubject.Stem, stemId), RunReport.CancelledByAdmin, CancellationToken.None);
            context.Result = RunReport.Cancelled(RunReport.CancelledByAdmin);
            logger.LogInformation("Processing stem {Id} was cancelled by an admin", stemId);
        }
        catch (Exception ex)
        {
            var reason = ex is MediaToolException ? ex.Message : "Processing failed unexpectedly.";
            context.Result = RunReport.Failed(reason, ex);
            var failure = await pipeline.RecordFailureAsync(stemId, reason, CancellationToken.None);
            logger.LogError(ex, "Processing stem {StemId} failed (attempt {Attempt} of {Max})", stemId, failure.Attempts, failure.MaxAttempts);
            if (failure.RetryAfter is { } delay)
            {
                await queue.EnqueueAsync(stemId, delay, CancellationToken.None);
            }
        }
    }
}
