using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MusicSite.Catalog;
using MusicSite.Common;
using MusicSite.Data;
using MusicSite.Hosting;
using MusicSite.Jobs;
using MusicSite.Media;
using MusicSite.Uploads;

namespace MusicSite.Attribution;

/// <summary>One stem of an upload: its fields, its staged audio file and the name the client gave the file.</summary>
public sealed record StemUpload(StemFieldsInput Fields, StagedFile Audio, string? FileName);

/// <summary>
/// Turns staged audio into pending stems of a track the caller manages: the audio passes the same checks as a track's
/// (<see cref="AudioIntake"/>), the fields <see cref="StemFields"/>' rules; only then is anything stored. Several stems
/// go in together or not at all. Shared by the "Add stems" page and POST /api/stems.
/// </summary>
public sealed class StemUploadService(
    MusicSiteDbContext db,
    TrackCatalog tracks,
    AudioIntake intake,
    StemFields fields,
    StemProcessingQueue queue,
    IOptions<MusicSiteOptions> siteOptions,
    TimeProvider clock,
    FaultPoints faults,
    ILogger<StemUploadService> logger)
{
    /// <summary>The most stems one upload may carry.</summary>
    public const int MaxStemsAtOnce = 12;

    /// <summary>The field that names a resumable upload.</summary>
    public const string UploadIdField = TrackUploadService.UploadIdField;

    /// <summary>The field name of stem <paramref name="index"/>'s <paramref name="field"/> when several are sent
    /// ("stems[1].name"); one stem alone uses the plain name.</summary>
    public static string FieldOf(int index, int count, string field) =>
        count == 1 ? field : string.Create(CultureInfo.InvariantCulture, $"stems[{index}].{field}");

    public async Task<ServiceResult<Stem>> CreateAsync(string? trackId, StemUpload upload, Viewer uploader, CancellationToken cancellationToken)
    {
        var result = await CreateManyAsync(trackId, [upload], uploader, cancellationToken);
        return result.Succeeded ? ServiceResult<Stem>.Ok(result.Value![0]) : ServiceResult<Stem>.Invalid(result.Errors, result.Code!);
    }

    /// <summary>A stem from a finished resumable upload of the uploader's, which is forgotten once the stem exists.
    /// A missing or unfinished upload is a failure on <see cref="UploadIdField"/>.</summary>
    public async Task<ServiceResult<Stem>> CreateFromResumableAsync(string? trackId, StemFieldsInput input, string? uploadId,
        Viewer uploader, CancellationToken cancellationToken)
    {
        var uploaderId = uploader.UserId ?? throw new ArgumentException("Uploads need a signed-in uploader.", nameof(uploader));
        // The track is checked first: naming someone else's track is a 403/404 whatever the upload.
        var (_, trackProblem) = await FindTrackAsync(trackId, uploader, cancellationToken);
        if (trackProblem is not null)
        {
            return ServiceResult<Stem>.Invalid(trackProblem.Errors, trackProblem.Code!);
        }
        var (upload, missing) = await intake.OpenResumableAsync(uploadId, uploaderId, UploadIdField, cancellationToken);
        if (upload is null)
        {
            return ServiceResult<Stem>.Invalid(missing, ErrorCodes.InvalidAudioFormat);
        }
        using (upload.File)
        {
            var result = await CreateAsync(trackId, new StemUpload(input, upload.File, upload.Session.FileName), uploader, cancellationToken);
            if (result.Succeeded)
            {
                await intake.ForgetAsync(upload, cancellationToken);
            }
            return result;
        }
    }

    /// <summary>Creates every stem or none: a track the uploader may manage (404 when they cannot see it, 403 when it is
    /// not theirs), every file usable audio, every field valid.</summary>
    public async Task<ServiceResult<IReadOnlyList<Stem>>> CreateManyAsync(string? trackId, IReadOnlyList<StemUpload> uploads, Viewer uploader,
        CancellationToken cancellationToken)
    {
        _ = uploader.UserId ?? throw new ArgumentException("Uploads need a signed-in uploader.", nameof(uploader));
        var (track, problem) = await FindTrackAsync(trackId, uploader, cancellationToken);
        if (track is null)
        {
            return ServiceResult<IReadOnlyList<Stem>>.Invalid(problem!.Errors, problem.Code!);
        }
        if (uploads.Count is 0 or > MaxStemsAtOnce)
        {
            return ServiceResult<IReadOnlyList<Stem>>.Invalid(AudioIntake.AudioField,
                $"Send from 1 to {MaxStemsAtOnce} stems at once.", ErrorCodes.ValidationFailed);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var errors = new FieldErrors();
        string? audioCode = null;
        var prepared = new List<(Stem Stem, StemUpload Upload, string OriginalPath)>();
        for (var i = 0; i < uploads.Count; i++)
        {
            var upload = uploads[i];
            var own = new FieldErrors();
            var (audio, refusal, code) = await intake.CheckAsync(upload.Audio, cancellationToken);
            var stem = new Stem
            {
                TrackId = track.Id,
                // The track's owner owns its stems, also when an admin uploaded them.
                UploaderId = track.UploaderId,
                MediaFolder = StemMedia.NewFolder(),
                OriginalFileName = AudioIntake.TrimFileName(upload.FileName),
                State = TrackState.Pending,
                ProcessingStep = "queued",
                CreatedAt = now,
                UpdatedAt = now,
            };
            await fields.ApplyAsync(stem, upload.Fields, isNew: true, own, cancellationToken);
            FillFromTrack(stem, track);
            Merge(errors, own, i, uploads.Count);
            if (audio is null)
            {
                Merge(errors, refusal, i, uploads.Count);
                audioCode ??= code;
                continue;
            }
            var originalPath = StemMedia.OriginalPath(stem.MediaFolder, audio.Format);
            stem.DurationSeconds = audio.Probe.DurationSeconds;
            stem.Files.Add(new StemFile
            {
                Kind = MediaKind.Original, Codec = audio.Stream.CodecName, ContentType = audio.Format.ContentType,
                SampleRate = audio.Stream.SampleRate, Channels = audio.Stream.Channels, BitrateKbps = audio.BitrateKbps,
                SizeBytes = upload.Audio.Length, RelativePath = originalPath, CreatedAt = now,
            });
            prepared.Add((stem, upload, originalPath));
        }
        if (errors.Any)
        {
            // Unusable audio answers with its own code (415/422) unless a field is wrong too.
            var onlyAudio = errors.ToDictionary().Keys.All(k => k.EndsWith(AudioIntake.AudioField, StringComparison.Ordinal));
            return ServiceResult<IReadOnlyList<Stem>>.Invalid(errors, onlyAudio && audioCode is not null ? audioCode : ErrorCodes.ValidationFailed);
        }

        // Files first, rows second (as for tracks): a process killed in between leaves only folders no row names,
        // which OrphanMediaSweep removes at the next start. Any failure here removes every folder of this upload.
        var paths = siteOptions.Value.Paths;
        try
        {
            foreach (var (_, upload, originalPath) in prepared)
            {
                upload.Audio.MoveTo(paths.MediaPath(originalPath));
            }
            faults.Reach(FaultPoint.AfterOriginalStored);
            db.Stems.AddRange(prepared.Select(p => p.Stem));
            await db.SaveChangesAsync(cancellationToken);
        }
        catch
        {
            db.ChangeTracker.Clear();
            foreach (var (stem, _, _) in prepared)
            {
                intake.DeleteFolder(paths.MediaPath(StemMedia.FolderOf(stem.MediaFolder)));
            }
            throw;
        }

        foreach (var (stem, _, _) in prepared)
        {
            await queue.EnqueueAsync(stem.Id, TimeSpan.Zero, cancellationToken);
        }
        logger.LogInformation("{Count} stem(s) uploaded for track {TrackId}, queued for processing", prepared.Count, track.Id);
        return ServiceResult<IReadOnlyList<Stem>>.Ok(prepared.Select(p => p.Stem).ToList());
    }

    /// <summary>Key and bpm left empty are the track's.</summary>
    internal static void FillFromTrack(Stem stem, Track track)
    {
        stem.Key ??= track.Key;
        stem.Bpm ??= track.Bpm;
    }

    /// <summary>The track stems are added to: 404 when the caller cannot see it, 403 when they may not manage it.</summary>
    private async Task<(Track?, ServiceResult<Track>?)> FindTrackAsync(string? trackId, Viewer uploader, CancellationToken cancellationToken)
    {
        if (!int.TryParse(trackId?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return (null, ServiceResult<Track>.Invalid(StemFieldNames.TrackId, "Name the track the stems belong to (its id).",
                ErrorCodes.ValidationFailed));
        }
        var track = await tracks.Visible(uploader).AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (track is null)
        {
            return (null, ServiceResult<Track>.Invalid(StemFieldNames.TrackId, "No track has this id.", ErrorCodes.TrackNotFound));
        }
        return uploader.MayManage(track.UploaderId)
            ? (track, null)
            : (null, ServiceResult<Track>.Invalid(StemFieldNames.TrackId, "Only the track's uploader or an admin can add stems to it.",
                ErrorCodes.UnauthorizedAccess));
    }

    private static void Merge(FieldErrors into, FieldErrors from, int index, int count)
    {
        foreach (var (field, messages) in from.ToDictionary())
        {
            foreach (var message in messages)
            {
                into.Add(FieldOf(index, count, field), message);
            }
        }
    }
}
