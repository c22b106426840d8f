using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MusicSite.Catalog;
using MusicSite.Hosting;
using MusicSite.Media;

namespace MusicSite.Playback;

public enum StreamQuality
{
    Low,
    Medium,
    High,
    Lossless,
}

/// <summary>A file an endpoint may send: resolved from the database, never from the request.</summary>
public sealed record StoredFile(string FullPath, string ContentType, DateTimeOffset LastModified, long Length);

public enum LookupStatus
{
    Found,
    NotFound,
    NotReady,
    Failed,
}

public sealed record FileLookup(LookupStatus Status, StoredFile? File = null)
{
    public static readonly FileLookup NotFound = new(LookupStatus.NotFound);
}

/// <summary>Finds the stored files of a track that a viewer may receive: a stream, the waveform (the cover: <see cref="TrackArtwork"/>).</summary>
public sealed class StreamSource(TrackCatalog catalog, IOptions<MusicSiteOptions> options)
{
    /// <summary>For each asked quality, the variants to try in order: the nearest one that exists is sent.
    /// The original comes last, for tracks that have no variants (nothing else would play).</summary>
    private static readonly Dictionary<StreamQuality, MediaKind[]> Preference = new()
    {
        [StreamQuality.Lossless] = [MediaKind.Lossless, MediaKind.High, MediaKind.Medium, MediaKind.Low, MediaKind.Original],
        [StreamQuality.High] = [MediaKind.High, MediaKind.Medium, MediaKind.Low, MediaKind.Original],
        [StreamQuality.Medium] = [MediaKind.Medium, MediaKind.High, MediaKind.Low, MediaKind.Original],
        [StreamQuality.Low] = [MediaKind.Low, MediaKind.Medium, MediaKind.High, MediaKind.Original],
    };

    /// <param name="shared">A valid share link for this track was presented: play it even if it is private.</param>
    public async Task<FileLookup> StreamAsync(int trackId, Viewer viewer, StreamQuality quality, CancellationToken cancellationToken,
        bool shared = false)
    {
        var track = await catalog.Visible(viewer, shared ? trackId : null).Where(t => t.Id == trackId)
            .Select(t => new { t.State, Files = t.MediaFiles.Select(m => new { m.Kind, m.RelativePath, m.ContentType }).ToList() })
            .FirstOrDefaultAsync(cancellationToken);
        if (track is null)
        {
            return FileLookup.NotFound;
        }
        if (track.State != TrackState.Ready)
        {
            return new FileLookup(track.State == TrackState.Failed ? LookupStatus.Failed : LookupStatus.NotReady);
        }
        var chosen = Preference[quality].Select(k => track.Files.FirstOrDefault(f => f.Kind == k)).FirstOrDefault(f => f is not null);
        return chosen is null ? FileLookup.NotFound : Resolve(chosen.RelativePath, chosen.ContentType);
    }

    public async Task<FileLookup> WaveformAsync(int trackId, Viewer viewer, CancellationToken cancellationToken, bool shared = false)
    {
        var track = await catalog.Visible(viewer, shared ? trackId : null).Where(t => t.Id == trackId)
            .Select(t => new { t.State, t.WaveformPath }).FirstOrDefaultAsync(cancellationToken);
        return track switch
        {
            null => FileLookup.NotFound,
            { WaveformPath: null } => new FileLookup(track.State == TrackState.Failed ? LookupStatus.Failed : LookupStatus.NotReady),
            _ => Resolve(track.WaveformPath, "application/json"),
        };
    }

    private FileLookup Resolve(string relativePath, string contentType)
    {
        var info = new FileInfo(options.Value.Paths.MediaPath(relativePath));
        return info.Exists
            ? new FileLookup(LookupStatus.Found,
                new StoredFile(info.FullName, contentType, new DateTimeOffset(info.LastWriteTimeUtc, TimeSpan.Zero), info.Length))
            : FileLookup.NotFound;
    }
}
