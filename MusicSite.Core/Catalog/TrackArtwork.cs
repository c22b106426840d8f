using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MusicSite.Common;
using MusicSite.Data;
using MusicSite.Hosting;
using MusicSite.Media;

namespace MusicSite.Catalog;

/// <summary>A track's cover: read it as a viewer may, and replace or remove it as its uploader or an admin.</summary>
public sealed class TrackArtwork(MusicSiteDbContext db, TrackCatalog catalog, ArtworkStore store, IOptions<MusicSiteOptions> siteOptions,
    IOptions<UploadOptions> uploadOptions, TimeProvider clock)
{
    /// <summary>Stored artwork folders inside a track's folder start with this (the audio files never do).</summary>
    private const string FolderPrefix = "artwork";

    /// <summary>The cover at the large or the thumbnail size, or null when the viewer cannot see such a track.</summary>
    public async Task<CoverLookup?> CoverAsync(int trackId, Viewer viewer, bool thumbnail, CancellationToken cancellationToken,
        bool shared = false)
    {
        var track = await catalog.Visible(viewer, shared ? trackId : null).Where(t => t.Id == trackId).Select(t => new { t.Title, t.UpdatedAt, t.ArtworkPath })
            .FirstOrDefaultAsync(cancellationToken);
        return track is null ? null : CoverLookup.From(track.Title, track.UpdatedAt, track.ArtworkPath, thumbnail, siteOptions.Value.Paths);
    }

    /// <summary>New artwork for the track, checked by content; on a refused image the old artwork stays as it was.</summary>
    public async Task<ServiceResult<Track>> ReplaceAsync(int trackId, StagedFile image, Viewer actor, CancellationToken cancellationToken)
    {
        var (track, problem) = await FindForChangeAsync(trackId, actor, cancellationToken);
        if (track is null)
        {
            return problem!;
        }
        var folder = Path.Combine(TrackFolder(track), $"{FolderPrefix}-{Guid.NewGuid():N}");
        var maxBytes = uploadOptions.Value.MaxArtworkBytes;
        var check = await store.StoreAsync(image.Path, folder, maxBytes, cancellationToken);
        if (check != ImageCheck.Ok)
        {
            return ServiceResult<Track>.Invalid("artwork", ImageNormalizer.Describe(check, maxBytes), ImageNormalizer.CodeFor(check));
        }
        return await SaveAsync(track, folder, cancellationToken);
    }

    /// <summary>Removes the track's artwork (uploaded or embedded): it shows its generated cover again.</summary>
    public async Task<ServiceResult<Track>> RemoveAsync(int trackId, Viewer actor, CancellationToken cancellationToken)
    {
        var (track, problem) = await FindForChangeAsync(trackId, actor, cancellationToken);
        return track is null ? problem! : await SaveAsync(track, null, cancellationToken);
    }

    /// <summary>Row first, then the files: the old artwork goes only once the row names the new one. Any other
    /// artwork folder in the track's folder is a leftover of an interrupted change and goes too.</summary>
    private async Task<ServiceResult<Track>> SaveAsync(Track track, string? artwork, CancellationToken cancellationToken)
    {
        var previous = track.ArtworkPath;
        track.ArtworkPath = artwork;
        // A new version: list URLs change with it, and tagged downloads of the old cover are no longer handed out.
        track.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch
        {
            store.Delete(artwork);
            throw;
        }
        store.Delete(previous);
        var trackFolder = siteOptions.Value.Paths.MediaPath(TrackFolder(track));
        if (Directory.Exists(trackFolder))
        {
            var keep = artwork is null ? null : Path.GetFullPath(siteOptions.Value.Paths.MediaPath(artwork));
            foreach (var stale in Directory.EnumerateFileSystemEntries(trackFolder, FolderPrefix + "*").Where(p => Path.GetFullPath(p) != keep))
            {
                if (Directory.Exists(stale))
                {
                    Directory.Delete(stale, recursive: true);
                }
                else
                {
                    File.Delete(stale);
                }
            }
        }
        return ServiceResult<Track>.Ok(track);
    }

    /// <summary>The track's own folder under tracks/, where its original lives.</summary>
    private static string TrackFolder(Track track) => track.MediaFolder.Length > 0
        ? Path.Combine(OrphanMediaSweep.TracksFolder, track.MediaFolder)
        : Path.GetDirectoryName(track.MediaFiles.Single(m => m.Kind == MediaKind.Original).RelativePath)!;

    /// <summary>404 when the actor cannot see the track, 403 when it is not theirs, 422 while it is being processed
    /// (the pipeline may be extracting its embedded cover at that moment).</summary>
    private async Task<(Track?, ServiceResult<Track>?)> FindForChangeAsync(int trackId, Viewer actor, CancellationToken cancellationToken)
    {
        var track = await catalog.Visible(actor).Include(t => t.MediaFiles).FirstOrDefaultAsync(t => t.Id == trackId, cancellationToken);
        if (track is null)
        {
            return (null, ServiceResult<Track>.Invalid("track", "No track has this id.", ErrorCodes.TrackNotFound));
        }
        if (!actor.MayManage(track.UploaderId))
        {
            return (null, ServiceResult<Track>.Invalid("track", "Only the uploader or an admin can change this track.", ErrorCodes.UnauthorizedAccess));
        }
        if (track.State is TrackState.Pending or TrackState.Processing)
        {
            return (null, ServiceResult<Track>.Invalid("track", "The track is being processed; change its artwork when it is ready.",
                ErrorCodes.TrackProcessing));
        }
        return (track, null);
    }
}
