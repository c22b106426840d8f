using System.Globalization;
using MusicSite.Media;

namespace MusicSite.Web.Api;

/// <summary>
/// The addresses of track and album covers, the one place that forms them: pages, the player and the API's
/// <c>urls</c> all call this. An address always answers an image for an item that exists (its artwork, or its
/// generated cover), so no page needs to know whether artwork was uploaded. The <c>v</c> parameter is the item's
/// <c>UpdatedAt</c>: it changes with every artwork or title change, so an address can be cached for a year.
/// </summary>
public static class ArtworkUrls
{
    public static string Track(int id, DateTime updatedAt) => $"/api/music/tracks/{id}/artwork?v={Version(updatedAt)}";

    public static string TrackThumbnail(int id, DateTime updatedAt) =>
        $"/api/music/tracks/{id}/artwork?size={ArtworkStore.ThumbnailSize}&v={Version(updatedAt)}";

    public static string Album(int id, DateTime updatedAt) => $"/api/music/albums/{id}/artwork?v={Version(updatedAt)}";

    public static string AlbumThumbnail(int id, DateTime updatedAt) =>
        $"/api/music/albums/{id}/artwork?size={ArtworkStore.ThumbnailSize}&v={Version(updatedAt)}";

    /// <summary>The version stamp of an item's cover (its last change, in hex ticks).</summary>
    public static string Version(DateTime updatedAt) => updatedAt.Ticks.ToString("x", CultureInfo.InvariantCulture);

    /// <summary>True for the <c>?size=</c> of a thumbnail; anything else is the large image.</summary>
    public static bool IsThumbnail(int? size) => size is > 0 and <= ArtworkStore.ThumbnailSize;
}
