using System.Globalization;

namespace MusicSite.Web.Api;

/// <summary>An album's addresses in JSON: its page, its artwork and the artwork's list size.</summary>
public sealed record AlbumLinks(string Page, string Artwork, string Thumbnail);

/// <summary>The one owner of album addresses, for pages and JSON alike.</summary>
public static class AlbumUrls
{
    public static string Page(int id) => "/albums/" + id.ToString(CultureInfo.InvariantCulture);

    public static string Artwork(int id) => $"/api/music/albums/{id.ToString(CultureInfo.InvariantCulture)}/artwork?size=600";

    public static string Thumbnail(int id) => $"/api/music/albums/{id.ToString(CultureInfo.InvariantCulture)}/artwork?size=200";

    public static AlbumLinks For(int id) => new(Page(id), Artwork(id), Thumbnail(id));
}
