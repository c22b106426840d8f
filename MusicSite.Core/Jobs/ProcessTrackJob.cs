using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MusicSite.Hosting;
using MusicSite.Media;
using Quartz;

namespace MusicSite.Jobs;

/// <summary>Runs the audio pipeline for one track, with bounded retries and exponential backoff.</summary>
public sealed class ProcessTrackJob(
    AudioPipeline pipeline,
    TrackProcessingQueue queue,
    IOptions<ProcessingOptions> options,
    ILogger<ProcessTrackJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        if (!context.MergedJobDataMap.TryGetValue(TrackProcessingQueue.TrackIdKey, out var value))
        {
            logger.LogError("Process job {Key} has no track id", context.JobDetail.Key);
            return;
        }
        var trackId = Convert.ToInt32(value is System.Text.Json.JsonElement json ? json.GetInt32() : value, CultureInfo.InvariantCulture);

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
            var attempts = await pipeline.AttemptsAsync(trackId, CancellationToken.None);
            var retry = attempts < options.Value.MaxAttempts;
            logger.LogError(ex, "Processing track {TrackId} failed (attempt {Attempt} of {Max})", trackId, attempts, options.Value.MaxAttempts);
            await pipeline.RecordFailureAsync(trackId, reason, retry, CancellationToken.None);
            if (retry)
            {
                var delay = TimeSpan.FromSeconds(options.Value.RetryDelaySeconds * Math.Pow(2, Math.Max(0, attempts - 1)));
                await queue.EnqueueAsync(trackId, delay, CancellationToken.None);
            }
        }
    }
}
