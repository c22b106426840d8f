using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MusicSite.Artists;
using MusicSite.Catalog;
using MusicSite.Common;
using MusicSite.Data;
using MusicSite.Hosting;
using MusicSite.Jobs;
using MusicSite.Media;

namespace MusicSite.Uploads;

/// <summary>
/// Turns a staged upload into a pending track: the audio is recognised by content, fields left empty are
/// filled from the file's own tags, everything is validated, and only then is anything stored. Shared by
/// the upload page and POST /api/music/tracks.
/// </summary>
public sealed class TrackUploadService(
    MusicSiteDbContext db,
    CatalogLookups lookups,
    ResumableUploads resumable,
    AudioIntake intake,
    ArtworkStore artworkStore,
    TrackProcessingQueue queue,
    ArtistSlugs artistSlugs,
    IOptions<MusicSiteOptions> siteOptions,
    IOptions<UploadOptions> uploadOptions,
    TimeProvider clock,
    FaultPoints faults,
    ILogger<TrackUploadService> logger)
{
    public const string DefaultLicenseCode = CatalogLookups.DefaultLicenseCode;

    /// <summary>The field that names a resumable upload. A failure on it means no usable upload was named.</summary>
    public const string UploadIdField = "uploadId";

    /// <summary>A track from a finished resumable upload of the uploader's: the upload is used as the audio file,
    /// and forgotten once the track exists. A missing or unfinished upload is a failure on <see cref="UploadIdField"/>.</summary>
    public async Task<ServiceResult<Track>> CreateFromResumableAsync(TrackMetadataInput input, string? uploadId, StagedFile? artwork,
        Viewer uploader, string uploaderName, CancellationToken cancellationToken)
    {
        var uploaderId = uploader.UserId ?? throw new ArgumentException("Uploads need a signed-in uploader.", nameof(uploader));
        var (upload, missing) = await intake.OpenResumableAsync(uploadId, uploaderId, UploadIdField, cancellationToken);
        if (upload is null)
        {
            return ServiceResult<Track>.Invalid(missing, ErrorCodes.InvalidAudioFormat);
        }
        var (staged, session) = (upload.File, upload.Session);
        using (staged)
        {
            var result = await CreateAsync(input, staged, session.FileName, artwork, uploader, uploaderName, cancellationToken);
            if (result.Succeeded)
            {
                await resumable.ForgetAsync(session, cancellationToken);
            }
            return result;
        }
    }

    public async Task<ServiceResult<Track>> CreateAsync(TrackMetadataInput input, StagedFile audio, string? originalFileName,
        StagedFile? artwork, Viewer uploader, string uploaderName, CancellationToken cancellationToken)
    {
        var uploaderId = uploader.UserId ?? throw new ArgumentException("Uploads need a signed-in uploader.", nameof(uploader));
        var limits = uploadOptions.Value;
        var (checkedAudio, refusal, refusalCode) = await intake.CheckAsync(audio, cancellationToken);
        if (checkedAudio is null)
        {
            return ServiceResult<Track>.Invalid(refusal, refusalCode!);
        }
        var (probe, format) = (checkedAudio.Probe, checkedAudio.Format);

        var (metadata, errors) = await ValidateAsync(input, probe, originalFileName, uploader, uploaderName, cancellationToken);
        if (metadata is null)
        {
            return ServiceResult<Track>.Invalid(errors, ErrorCodes.InvalidMetadata);
        }

        var paths = siteOptions.Value.Paths;
        var folder = Guid.NewGuid().ToString("N");
        var trackDir = paths.MediaPath(Path.Combine("tracks", folder));
        string? artworkPath = null;
        if (artwork is not null)
        {
            artworkPath = Path.Combine("tracks", folder, "artwork-uploaded");
            var check = await artworkStore.StoreAsync(artwork.Path, artworkPath, limits.MaxArtworkBytes, cancellationToken);
            if (check != ImageCheck.Ok)
            {
                intake.DeleteFolder(trackDir);
                return ServiceResult<Track>.Invalid("artwork", ImageNormalizer.Describe(check, limits.MaxArtworkBytes), ErrorCodes.InvalidMetadata);
            }
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var originalPath = Path.Combine("tracks", folder, $"original.{format.Extension}");
        var track = new Track
        {
            Title = metadata.Title,
            ArtistName = metadata.Artist,
            Description = metadata.Description,
            Bpm = metadata.Bpm,
            Key = metadata.Key,
            LicenseId = metadata.LicenseId,
            IsPublic = metadata.IsPublic,
            IsDownloadable = metadata.IsDownloadable,
            AlbumId = metadata.AlbumId,
            TrackNumber = metadata.TrackNumber,
            UploaderId = uploaderId,
            DurationSeconds = probe.DurationSeconds,
            MediaFolder = folder,
            OriginalFileName = AudioIntake.TrimFileName(originalFileName),
            ArtworkPath = artworkPath,
            State = TrackState.Pending,
            ProcessingStep = "queued",
            CreatedAt = now,
            UpdatedAt = now,
            Genres = metadata.GenreIds.Select(id => new TrackGenre { GenreId = id }).ToList(),
            Tags = metadata.Tags.Select(t => new TrackTag { Tag = t }).ToList(),
            MediaFiles =
            [
                new MediaFile
                {
                    Kind = MediaKind.Original, Codec = checkedAudio.Stream.CodecName, ContentType = format.ContentType,
                    SampleRate = checkedAudio.Stream.SampleRate, Channels = checkedAudio.Stream.Channels,
                    BitrateKbps = checkedAudio.BitrateKbps,
                    SizeBytes = audio.Length, RelativePath = originalPath, CreatedAt = now,
                },
            ],
        };

        // Crash safety: files first, row second. Everything goes into the new track's own folder (artwork above, the
        // original here) and only then is the row that names the folder committed. A process killed in between
        // leaves a folder that no row names; OrphanMediaSweep removes it at the next start, before the site serves.
        // The other order would be worse: a committed row whose original never arrived is a track that can never be
        // processed. The upload was not acknowledged, so the client sends it again.
        try
        {
            audio.MoveTo(paths.MediaPath(originalPath));
            faults.Reach(FaultPoint.AfterOriginalStored);
            db.Tracks.Add(track);
            await db.SaveChangesAsync(cancellationToken);
        }
        catch
        {
            // The row and the files exist together or not at all.
            db.ChangeTracker.Clear();
            intake.DeleteFolder(trackDir);
            throw;
        }

        await queue.EnqueueAsync(track.Id, TimeSpan.Zero, cancellationToken);
        // Publishing is when an account first needs its artist address: track lists link to it.
        await artistSlugs.EnsureAsync(uploaderId, cancellationToken);
        logger.LogInformation("Track {TrackId} uploaded by user {UserId} as {Format}, queued for processing", track.Id, uploaderId, format.Name);
        return ServiceResult<Track>.Ok(track);
    }

    /// <summary>Checks the fields, filling empty ones from the file's tags (and the title from the file name).</summary>
    private async Task<(TrackMetadata?, FieldErrors)> ValidateAsync(TrackMetadataInput input, ProbeResult probe,
        string? originalFileName, Viewer uploader, string uploaderName, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var title = Fill(input.Title, probe.Tag("title"), Path.GetFileNameWithoutExtension(originalFileName ?? ""));
        var artist = Fill(input.Artist, probe.Tag("artist", "album_artist"), uploaderName);
        TrackMetadataRules.CheckTitle(title, errors);
        TrackMetadataRules.CheckArtist(artist, errors);

        var description = TrackMetadataRules.ParseDescription(input.Description, errors);

        var tags = TrackMetadataRules.SplitTags(input.Tags ?? []);
        TrackMetadataRules.CheckTags(tags, errors);

        var bpm = TrackMetadataRules.ParseBpm(Fill(input.Bpm, probe.Tag("TBPM", "bpm")), errors);
        var key = TrackMetadataRules.ParseKey(Fill(input.Key, probe.Tag("TKEY", "initialkey", "key")), errors);
        var isPublic = TrackMetadataRules.ParseFlag(input.IsPublic, true, "isPublic", errors);
        var isDownloadable = TrackMetadataRules.ParseFlag(input.IsDownloadable, false, "isDownloadable", errors);

        // A genre tag that names a genre of the tree is used when none was chosen; anything else in it is ignored.
        var genreIds = input.Genres?.Any(g => !string.IsNullOrWhiteSpace(g)) == true
            ? await lookups.GenresAsync(input.Genres, errors, cancellationToken)
            : await lookups.GenreFromTagAsync(probe.Tag("genre"), cancellationToken);
        var licenseId = await lookups.LicenseAsync(input.License, errors, cancellationToken);
        var albumId = await lookups.AlbumAsync(input.AlbumId, uploader, errors, cancellationToken);
        var trackNumber = TrackMetadataRules.ParseTrackNumber(Fill(input.TrackNumber, albumId is null ? null : probe.Tag("track")), errors);

        return errors.Any
            ? (null, errors)
            : (new TrackMetadata(title!, artist!, description, tags, genreIds, bpm, key, licenseId!.Value, isPublic, isDownloadable,
                albumId, trackNumber), errors);
    }

    /// <summary>What the uploader typed (checked later, and refused if it breaks a rule), else the first fallback
    /// from the file: not typed by anyone, so it is made to fit one line rather than refused.</summary>
    private static string? Fill(string? given, params string?[] fallbacks) =>
        !string.IsNullOrWhiteSpace(given)
            ? given.Trim()
            : fallbacks.Where(f => !string.IsNullOrWhiteSpace(f)).Select(f => TextRules.ToSingleLine(f!)).FirstOrDefault(f => f.Length > 0);
}
