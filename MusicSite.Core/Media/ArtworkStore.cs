using Microsoft.Extensions.Options;
using MusicSite.Hosting;

namespace MusicSite.Media;

/// <summary>
/// How artwork is kept on disk, the one place that knows: a folder (relative to the media root) holding the large
/// image and its thumbnail, both square JPEGs re-encoded by <see cref="ImageNormalizer"/>. A stored path ending
/// in ".jpg" is a track's artwork from before thumbnails existed: one large file that serves as both.
/// </summary>
public sealed class ArtworkStore(ImageNormalizer images, IOptions<MusicSiteOptions> options)
{
    /// <summary>The page size: sharp at 300 CSS pixels on a 2x screen.</summary>
    public const int LargeSize = 600;
    /// <summary>The list size: sharp at 100 CSS pixels on a 2x screen.</summary>
    public const int ThumbnailSize = 200;

    public static string LargeFile(string stored) => IsSingleFile(stored) ? stored : Path.Combine(stored, $"cover-{LargeSize}.jpg");

    public static string ThumbnailFile(string stored) => IsSingleFile(stored) ? stored : Path.Combine(stored, $"cover-{ThumbnailSize}.jpg");

    /// <summary>Checks <paramref name="sourceImage"/> by content and writes both sizes into <paramref name="folder"/>.
    /// On any failure the folder is removed again, so nothing half-written stays.</summary>
    public async Task<ImageCheck> StoreAsync(string sourceImage, string folder, long maxBytes, CancellationToken cancellationToken)
    {
        var paths = options.Value.Paths;
        var large = paths.MediaPath(LargeFile(folder));
        try
        {
            var check = await images.NormalizeSquareAsync(sourceImage, large, LargeSize, maxBytes, cancellationToken);
            if (check == ImageCheck.Ok)
            {
                // The thumbnail is made from the checked large image: already small, already a plain JPEG.
                check = await images.NormalizeSquareAsync(large, paths.MediaPath(ThumbnailFile(folder)), ThumbnailSize, maxBytes, cancellationToken);
            }
            if (check != ImageCheck.Ok)
            {
                Delete(folder);
            }
            return check;
        }
        catch
        {
            Delete(folder);
            throw;
        }
    }

    /// <summary>Removes stored artwork (a folder, or an old single file); nothing when it is already gone.</summary>
    public void Delete(string? stored)
    {
        if (stored is null)
        {
            return;
        }
        var full = options.Value.Paths.MediaPath(stored);
        if (IsSingleFile(stored))
        {
            File.Delete(full);
        }
        else if (Directory.Exists(full))
        {
            Directory.Delete(full, recursive: true);
        }
    }

    private static bool IsSingleFile(string stored) => stored.EndsWith(".jpg", StringComparison.OrdinalIgnoreCase);
}
