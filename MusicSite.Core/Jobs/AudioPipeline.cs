using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MusicSite.Catalog;
using MusicSite.Data;
using MusicSite.Hosting;
using MusicSite.Media;

namespace MusicSite.Jobs;

/// <summary>
/// Turns a track's stored original into what listeners get: audio facts, embedded artwork, loudness,
/// streaming variants (encoded in parallel) and the waveform. Each output goes to a temp file first and
/// is moved into place, so running it again after a crash or a failure is always safe.
/// </summary>
public sealed class AudioPipeline(
    MusicSiteDbContext db,
    MediaProber prober,
    LoudnessAnalyzer loudness,
    VariantEncoder encoder,
    WaveformBuilder waveforms,
    ArtworkExtractor artwork,
    Notifications.ReleaseNotices notices,
    IOptions<MusicSiteOptions> siteOptions,
    IOptions<ProcessingOptions> processingOptions,
    TimeProvider clock,
    ILogger<AudioPipeline> logger)
{
    /// <summary>Processes the track; returns false when there is nothing to do (deleted, or already ready).</summary>
    public async Task<bool> ProcessAsync(int trackId, CancellationToken cancellationToken)
    {
        var track = await db.Tracks.Include(t => t.MediaFiles).FirstOrDefaultAsync(t => t.Id == trackId, cancellationToken);
        if (track is null || track.DeletedAt is not null || track.State == TrackState.Ready)
        {
            return false;
        }
        var paths = siteOptions.Value.Paths;
        var original = track.MediaFiles.Single(m => m.Kind == MediaKind.Original);
        var source = paths.MediaPath(original.RelativePath);
        var folder = Path.Combine("tracks", track.MediaFolder);
        // A re-run (an admin's reprocess) keeps ProcessedAt: only the first success is a new release.
        var firstTime = track.ProcessedAt is null;

        RemoveLeftovers(paths.MediaPath(folder));
        track.ProcessingAttempts++;
        track.ProcessingError = null;
        await ReportAsync(track, TrackState.Processing, "probing", 2, cancellationToken);
        var probe = await prober.ProbeAsync(source, cancellationToken)
                    ?? throw new MediaToolException("The original file can no longer be read as audio.");
        var audio = probe.FirstAudio ?? throw new MediaToolException("The original file has no audio stream.");
        var format = AudioFormats.Recognise(probe);
        track.DurationSeconds = probe.DurationSeconds;
        original.Codec = audio.CodecName;
        original.SampleRate = audio.SampleRate;
        original.Channels = audio.Channels;
        original.BitrateKbps = (int?)((audio.BitRate ?? probe.BitRate) / 1000);
        original.SizeBytes = new FileInfo(source).Length;

        if (track.ArtworkPath is null && probe.AttachedPicture is not null)
        {
            await ReportAsync(track, TrackState.Processing, "artwork", 6, cancellationToken);
            // A fixed folder: a run killed half-way is simply overwritten by the next one.
            var relative = Path.Combine(folder, "artwork-embedded");
            if (await artwork.ExtractAsync(source, relative, cancellationToken))
            {
                track.ArtworkPath = relative;
            }
        }

        await ReportAsync(track, TrackState.Processing, "loudness", 10, cancellationToken);
        var measured = await loudness.MeasureAsync(source, cancellationToken);
        track.IntegratedLufs = measured.IntegratedLufs;
        track.LoudnessRangeLu = measured.LoudnessRangeLu;
        track.TruePeakDbtp = measured.TruePeakDbtp;
        track.ReplayGainDb = measured.ReplayGainDb;

        await EncodeVariantsAsync(track, source, folder, VariantSpec.For(format?.IsLossless == true), cancellationToken);

        await ReportAsync(track, TrackState.Processing, "waveform", 92, cancellationToken);
        var waveform = await waveforms.BuildAsync(source, track.DurationSeconds ?? 0, processingOptions.Value.WaveformPoints, cancellationToken);
        var waveformPath = Path.Combine(folder, "waveform.json");
        await WaveformBuilder.WriteAsync(waveform, paths.MediaPath(waveformPath), cancellationToken);
        track.WaveformPath = waveformPath;

        track.ProcessedAt = clock.GetUtcNow().UtcDateTime;
        await notices.TrackReadyAsync(track, firstTime, cancellationToken);
        await ReportAsync(track, TrackState.Ready, null, 100, cancellationToken);
        logger.LogInformation("Track {TrackId} is ready after {Attempts} attempt(s)", track.Id, track.ProcessingAttempts);
        return true;
    }

    /// <summary>Records a failed attempt and what follows by <see cref="ProcessingRetry"/>'s rule: back to pending
    /// with a retry while attempts remain, failed for good after that. The caller schedules the retry it is told.</summary>
    public async Task<ProcessingFailure> RecordFailureAsync(int trackId, string reason, CancellationToken cancellationToken)
    {
        var options = processingOptions.Value;
        var track = await db.Tracks.FirstOrDefaultAsync(t => t.Id == trackId, cancellationToken);
        if (track is null)
        {
            return new ProcessingFailure(options.MaxAttempts, options.MaxAttempts, null);
        }
        var failure = ProcessingRetry.After(track.ProcessingAttempts, options);
        track.ProcessingError = ProcessingRetry.Reason(reason);
        if (failure.RetryAfter is null)
        {
            notices.TrackFailed(track);
        }
        await ReportAsync(track, failure.RetryAfter is null ? TrackState.Failed : TrackState.Pending,
            failure.RetryAfter is null ? null : "waiting to retry", 0, cancellationToken);
        return failure;
    }

    private async Task EncodeVariantsAsync(Track track, string source, string folder, IReadOnlyList<VariantSpec> specs,
        CancellationToken cancellationToken)
    {
        const int from = 15, to = 90;
        await ReportAsync(track, TrackState.Processing, "variants", from, cancellationToken);
        var parallel = processingOptions.Value.MaxParallelEncodes > 0 ? processingOptions.Value.MaxParallelEncodes : Environment.ProcessorCount;
        using var slots = new SemaphoreSlim(parallel);
        var paths = siteOptions.Value.Paths;

        var pending = specs.Select(async spec =>
        {
            await slots.WaitAsync(cancellationToken);
            try
            {
                var relative = Path.Combine(folder, $"{spec.Kind.ToString().ToLowerInvariant()}.{spec.Extension}");
                await encoder.EncodeAsync(source, spec, paths.MediaPath(relative), cancellationToken);
                return (spec, relative);
            }
            finally
            {
                slots.Release();
            }
        }).ToList();

        // The DbContext is used only here, between completions, never from the encoding tasks.
        var done = 0;
        while (pending.Count > 0)
        {
            var finished = await Task.WhenAny(pending);
            pending.Remove(finished);
            var (spec, relative) = await finished;
            Upsert(track, spec, relative, new FileInfo(paths.MediaPath(relative)).Length);
            done++;
            await ReportAsync(track, TrackState.Processing, "variants", from + (to - from) * done / specs.Count, cancellationToken);
        }
    }

    /// <summary>Temp files of a run that was killed mid-way (they are never finished, only replaced).</summary>
    private static void RemoveLeftovers(string trackDirectory)
    {
        if (Directory.Exists(trackDirectory))
        {
            foreach (var file in Directory.EnumerateFiles(trackDirectory, "*.tmp*"))
            {
                File.Delete(file);
            }
        }
    }

    private void Upsert(Track track, VariantSpec spec, string relative, long size)
    {
        var file = track.MediaFiles.FirstOrDefault(m => m.Kind == spec.Kind);
        if (file is null)
        {
            file = new MediaFile { Kind = spec.Kind, TrackId = track.Id };
            track.MediaFiles.Add(file);
        }
        var original = track.MediaFiles.Single(m => m.Kind == MediaKind.Original);
        file.Codec = spec.Codec;
        file.ContentType = spec.ContentType;
        file.BitrateKbps = spec.BitrateKbps;
        file.SampleRate = spec.Codec == "mp3" ? Math.Min(original.SampleRate ?? 44100, 48000) : original.SampleRate;
        file.Channels = original.Channels;
        file.SizeBytes = size;
        file.RelativePath = relative;
        file.CreatedAt = clock.GetUtcNow().UtcDateTime;
    }

    private async Task ReportAsync(Track track, TrackState state, string? step, int progress, CancellationToken cancellationToken)
    {
        track.State = state;
        track.ProcessingStep = step;
        track.ProcessingProgress = progress;
        track.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        // Progress must be saved even when the work is being cancelled, or the page would show a stale step.
        await db.SaveChangesAsync(cancellationToken.IsCancellationRequested ? CancellationToken.None : cancellationToken);
    }
}
