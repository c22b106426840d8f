using MusicSite.Hosting;
using MusicSite.Media;

namespace MusicSite.Catalog;

/// <summary>
/// The cover of a track or album as an endpoint sends it: the stored JPEG when there is one, otherwise the
/// <see cref="GeneratedCover"/> of <see cref="Title"/>. <see cref="UpdatedAt"/> versions both (it changes with
/// every artwork or title change).
/// </summary>
public sealed record CoverLookup(string Title, DateTime UpdatedAt, string? StoredFile)
{
    public static CoverLookup From(string title, DateTime updatedAt, string? storedArtwork, bool thumbnail, DataPaths paths)
    {
        if (storedArtwork is null)
        {
            return new CoverLookup(title, updatedAt, null);
        }
        var wanted = paths.MediaPath(thumbnail ? ArtworkStore.ThumbnailFile(storedArtwork) : ArtworkStore.LargeFile(storedArtwork));
        // A file gone missing from the disk shows the generated cover rather than nothing.
        return new CoverLookup(title, updatedAt, File.Exists(wanted) ? wanted : null);
    }
}
