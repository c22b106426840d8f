using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MusicSite.Common;
using MusicSite.Hosting;
using MusicSite.Media;

namespace MusicSite.Uploads;

/// <summary>An upload that passed <see cref="AudioIntake.CheckAsync"/>: what ffprobe read and the format it is.</summary>
public sealed record CheckedAudio(ProbeResult Probe, AudioFormat Format)
{
    public ProbeStream Stream => Probe.FirstAudio!;

    /// <summary>The stored original's facts as a media row records them.</summary>
    public int? BitrateKbps => (int?)((Stream.BitRate ?? Probe.BitRate) / 1000);
}

/// <summary>A finished resumable upload handed over as a staged file (kept until <see cref="ResumableUploads.ForgetAsync"/>).</summary>
public sealed record ResumableAudio(StagedFile File, UploadSession Session);

/// <summary>
/// The one owner of what an uploaded audio file must be, for tracks and stems alike: audio recognised by its content
/// (<see cref="AudioFormats.Recognise"/>), with playable audio, no longer than <see cref="UploadOptions.MaxDurationSeconds"/>
/// and at least <see cref="UploadOptions.MinSampleRate"/>; and of how a finished resumable upload is taken up.
/// </summary>
public sealed class AudioIntake(MediaProber prober, ResumableUploads resumable, IOptions<UploadOptions> uploadOptions,
    ILogger<AudioIntake> logger)
{
    /// <summary>The field a failure is reported on.</summary>
    public const string AudioField = "audio";

    /// <summary>The file as usable audio, or the field error (with its code) that refuses it.</summary>
    public async Task<(CheckedAudio? Audio, FieldErrors Errors, string? Code)> CheckAsync(StagedFile audio, CancellationToken cancellationToken,
        string field = AudioField)
    {
        var limits = uploadOptions.Value;
        var probe = await prober.ProbeAsync(audio.Path, cancellationToken);
        var format = probe is null ? null : AudioFormats.Recognise(probe);
        (string Message, string Code)? refusal = (probe, format) switch
        {
            (null, _) or (_, null) => ("This file is not audio we can use. Upload MP3, WAV, FLAC, Ogg Vorbis, Opus or M4A/AAC.",
                ErrorCodes.InvalidAudioFormat),
            _ when probe.DurationSeconds is not > 0 => ("The file has no playable audio.", ErrorCodes.InvalidAudioFormat),
            _ when probe.DurationSeconds > limits.MaxDurationSeconds => ($"The audio is longer than {limits.MaxDurationSeconds / 60} minutes.",
                ErrorCodes.DurationExceeded),
            _ when probe.FirstAudio!.SampleRate < limits.MinSampleRate => (
                $"The sample rate is {probe.FirstAudio.SampleRate} Hz; it must be at least {limits.MinSampleRate} Hz.", ErrorCodes.InvalidAudioFormat),
            _ => null,
        };
        return refusal is { } r
            ? (null, new FieldErrors().Add(field, r.Message), r.Code)
            : (new CheckedAudio(probe!, format!), new FieldErrors(), null);
    }

    /// <summary>The uploader's finished resumable upload named <paramref name="uploadId"/>, or the error on
    /// <paramref name="field"/> saying why there is none (unknown, someone else's, or not finished).</summary>
    public async Task<(ResumableAudio? Upload, FieldErrors Errors)> OpenResumableAsync(string? uploadId, int uploaderId, string field,
        CancellationToken cancellationToken)
    {
        var (staged, session) = string.IsNullOrWhiteSpace(uploadId)
            ? (null, null)
            : await resumable.CompletedAsync(uploadId, uploaderId, cancellationToken);
        if (staged is null || session is null)
        {
            return (null, new FieldErrors().Add(field, session is null
                ? "No finished upload of yours has this id."
                : $"The upload is not finished: {session.Offset} of {session.Length} bytes arrived."));
        }
        return (new ResumableAudio(staged, session), new FieldErrors());
    }

    /// <summary>Forgets a resumable upload that became a track or stem (its file was moved into place).</summary>
    public Task ForgetAsync(ResumableAudio upload, CancellationToken cancellationToken) =>
        resumable.ForgetAsync(upload.Session, cancellationToken);

    /// <summary>The last segment of whatever the client called the file, kept only as display text.</summary>
    public static string? TrimFileName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }
        var file = TextRules.ToSingleLine(Path.GetFileName(name.Replace('\\', '/')));
        return file.Length == 0 ? null : file.Length > 255 ? file[..255] : file;
    }

    /// <summary>Removes a media folder an upload wrote before it failed (files and row exist together or not at all).</summary>
    public void DeleteFolder(string dir)
    {
        try
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
        catch (IOException ex)
        {
            logger.LogWarning(ex, "Could not remove {Dir}", dir);
        }
    }
}
