using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MusicSite.Catalog;
using MusicSite.Data;
using MusicSite.Hosting;
using MusicSite.Playback;

namespace MusicSite.Attribution;

/// <summary>Finds the stored files of a stem a viewer may receive (its preview stream and its waveform), and counts its
/// downloads. Files are resolved from the database, never from the request.</summary>
public sealed class StemFileSource(MusicSiteDbContext db, StemCatalog stems, IOptions<MusicSiteOptions> options)
{
    /// <summary>The preview variant (<see cref="StemMedia.Preview"/>) of a ready stem the viewer may see.</summary>
    public async Task<FileLookup> StreamAsync(int stemId, Viewer viewer, CancellationToken cancellationToken)
    {
        var stem = await stems.Visible(viewer).Where(s => s.Id == stemId)
            .Select(s => new { s.State, Preview = s.Files.Where(f => f.Kind == StemMedia.Preview.Kind).Select(f => new { f.RelativePath, f.ContentType }).FirstOrDefault() })
            .FirstOrDefaultAsync(cancellationToken);
        return stem switch
        {
            null => FileLookup.NotFound,
            { State: not TrackState.Ready } => new FileLookup(stem.State == TrackState.Failed ? LookupStatus.Failed : LookupStatus.NotReady),
            { Preview: null } => FileLookup.NotFound,
            _ => Resolve(stem.Preview.RelativePath, stem.Preview.ContentType),
        };
    }

    public async Task<FileLookup> WaveformAsync(int stemId, Viewer viewer, CancellationToken cancellationToken)
    {
        var stem = await stems.Visible(viewer).Where(s => s.Id == stemId).Select(s => new { s.State, s.WaveformPath })
            .FirstOrDefaultAsync(cancellationToken);
        return stem switch
        {
            null => FileLookup.NotFound,
            { WaveformPath: null } => new FileLookup(stem.State == TrackState.Failed ? LookupStatus.Failed : LookupStatus.NotReady),
            _ => Resolve(stem.WaveformPath, "application/json"),
        };
    }

    /// <summary>Counts one started download of each stem named.</summary>
    public Task CountDownloadsAsync(IReadOnlyCollection<int> stemIds, CancellationToken cancellationToken) =>
        db.Stems.Where(s => stemIds.Contains(s.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.DownloadCount, x => x.DownloadCount + 1), cancellationToken);

    private FileLookup Resolve(string relativePath, string contentType)
    {
        var info = new FileInfo(options.Value.Paths.MediaPath(relativePath));
        return info.Exists
            ? new FileLookup(LookupStatus.Found,
                new StoredFile(info.FullName, contentType, new DateTimeOffset(info.LastWriteTimeUtc, TimeSpan.Zero), info.Length))
            : FileLookup.NotFound;
    }
}
