using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MusicSite.Catalog;
using MusicSite.Hosting;

namespace MusicSite.Media;

/// <summary>A file the stream endpoint may send: resolved from the database, never from the request.</summary>
public sealed record StreamableFile(string FullPath, string ContentType, DateTimeOffset LastModified, long Length);

public sealed class StreamSource(TrackCatalog catalog, IOptions<MusicSiteOptions> options)
{
    private static readonly MediaKind[] Preference = [MediaKind.High, MediaKind.Medium, MediaKind.Low, MediaKind.Original];

    /// <summary>The best stream of a ready track the viewer may hear, or null (which callers answer as 404).</summary>
    public async Task<StreamableFile?> FindAsync(int trackId, Viewer viewer, CancellationToken cancellationToken)
    {
        var files = await catalog.Visible(viewer)
            .Where(t => t.Id == trackId && t.State == TrackState.Ready)
            .SelectMany(t => t.MediaFiles)
            .ToListAsync(cancellationToken);
        var chosen = Preference.Select(k => files.FirstOrDefault(f => f.Kind == k)).FirstOrDefault(f => f is not null);
        if (chosen is null)
        {
            return null;
        }
        var info = new FileInfo(options.Value.Paths.MediaPath(chosen.RelativePath));
        return info.Exists
            ? new StreamableFile(info.FullName, chosen.ContentType, new DateTimeOffset(info.LastWriteTimeUtc, TimeSpan.Zero), info.Length)
            : null;
    }
}
