using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MusicSite.Attribution;
using MusicSite.Catalog;
using MusicSite.Data;
using MusicSite.Hosting;
using MusicSite.Media;

namespace MusicSite.Jobs;

/// <summary>
/// Turns a stem's stored original into what listeners get: its audio facts, one preview variant
/// (<see cref="StemMedia.Preview"/>) and the waveform. The original is only read, never rewritten. Each output goes to a
/// temp file first and is moved into place, so running it again after a crash or a failure is always safe.
/// </summary>
public sealed class StemPipeline(
    MusicSiteDbContext db,
    MediaProber prober,
    VariantEncoder encoder,
    WaveformBuilder waveforms,
    Notifications.ReleaseNotices notices,
    IOptions<MusicSiteOptions> siteOptions,
    IOptions<ProcessingOptions> processingOptions,
    TimeProvider clock,
    ILogger<StemPipeline> logger)
{
    /// <summary>Processes the stem; returns false when there is nothing to do (deleted, or already ready).</summary>
    public async Task<bool> ProcessAsync(int stemId, CancellationToken cancellationToken)
    {
        var stem = await db.Stems.Include(s => s.Files).FirstOrDefaultAsync(s => s.Id == stemId, cancellationToken);
        if (stem is null || stem.DeletedAt is not null || stem.State == TrackState.Ready)
        {
            return false;
        }
        var paths = siteOptions.Value.Paths;
        var original = stem.Files.Single(f => f.Kind == MediaKind.Original);
        var source = paths.MediaPath(original.RelativePath);

        RemoveLeftovers(paths.MediaPath(StemMedia.FolderOf(stem.MediaFolder)));
        stem.ProcessingAttempts++;
        stem.ProcessingError = null;
        await ReportAsync(stem, TrackState.Processing, "probing", 5, cancellationToken);
        var probe = await prober.ProbeAsync(source, cancellationToken)
                    ?? throw new MediaToolException("The original file can no longer be read as audio.");
        var audio = probe.FirstAudio ?? throw new MediaToolException("The original file has no audio stream.");
        stem.DurationSeconds = probe.DurationSeconds;
        original.Codec = audio.CodecName;
        original.SampleRate = audio.SampleRate;
        original.Channels = audio.Channels;
        original.BitrateKbps = (int?)((audio.BitRate ?? probe.BitRate) / 1000);
        original.SizeBytes = new FileInfo(source).Length;

        await ReportAsync(stem, TrackState.Processing, "preview", 15, cancellationToken);
        var spec = StemMedia.Preview;
        var previewPath = StemMedia.PreviewPath(stem.MediaFolder);
        await encoder.EncodeAsync(source, spec, paths.MediaPath(previewPath), cancellationToken);
        var preview = stem.Files.FirstOrDefault(f => f.Kind == spec.Kind);
        if (preview is null)
        {
            preview = new StemFile { Kind = spec.Kind, StemId = stem.Id };
            stem.Files.Add(preview);
        }
        preview.Codec = spec.Codec;
        preview.ContentType = spec.ContentType;
        preview.BitrateKbps = spec.BitrateKbps;
        preview.SampleRate = Math.Min(original.SampleRate ?? 44100, 48000);
        preview.Channels = original.Channels;
        preview.SizeBytes = new FileInfo(paths.MediaPath(previewPath)).Length;
        preview.RelativePath = previewPath;
        preview.CreatedAt = clock.GetUtcNow().UtcDateTime;

        await ReportAsync(stem, TrackState.Processing, "waveform", 85, cancellationToken);
        var waveform = await waveforms.BuildAsync(source, stem.DurationSeconds ?? 0, processingOptions.Value.WaveformPoints, cancellationToken);
        var waveformPath = StemMedia.WaveformPath(stem.MediaFolder);
        await WaveformBuilder.WriteAsync(waveform, paths.MediaPath(waveformPath), cancellationToken);
        stem.WaveformPath = waveformPath;

        stem.ProcessedAt = clock.GetUtcNow().UtcDateTime;
        notices.StemReady(stem);
        await ReportAsync(stem, TrackState.Ready, null, 100, cancellationToken);
        logger.LogInformation("Stem {StemId} is ready after {Attempts} attempt(s)", stem.Id, stem.ProcessingAttempts);
        return true;
    }

    /// <summary>Records a failed attempt and what follows by <see cref="ProcessingRetry"/>'s rule (the same as tracks').
    /// The caller schedules the retry it is told.</summary>
    public async Task<ProcessingFailure> RecordFailureAsync(int stemId, string reason, CancellationToken cancellationToken)
    {
        var options = processingOptions.Value;
        var stem = await db.Stems.FirstOrDefaultAsync(s => s.Id == stemId, cancellationToken);
        if (stem is null)
        {
            return new ProcessingFailure(options.MaxAttempts, options.MaxAttempts, null);
        }
        var failure = ProcessingRetry.After(stem.ProcessingAttempts, options);
        stem.ProcessingError = ProcessingRetry.Reason(reason);
        if (failure.RetryAfter is null)
        {
            notices.StemFailed(stem);
        }
        await ReportAsync(stem, failure.RetryAfter is null ? TrackState.Failed : TrackState.Pending,
            failure.RetryAfter is null ? null : "waiting to retry", 0, cancellationToken);
        return failure;
    }

    /// <summary>Temp files of a run that was killed mid-way (they are never finished, only replaced).</summary>
    private static void RemoveLeftovers(string directory)
    {
        if (Directory.Exists(directory))
        {
            foreach (var file in Directory.EnumerateFiles(directory, "*.tmp*"))
            {
                File.Delete(file);
            }
        }
    }

    private async Task ReportAsync(Stem stem, TrackState state, string? step, int progress, CancellationToken cancellationToken)
    {
        stem.State = state;
        stem.ProcessingStep = step;
        stem.ProcessingProgress = progress;
        stem.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        // Progress is saved even when the work is being cancelled, or the page would show a stale step.
        await db.SaveChangesAsync(cancellationToken.IsCancellationRequested ? CancellationToken.None : cancellationToken);
    }
}
