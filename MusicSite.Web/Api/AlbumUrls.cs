using System.Globalization;

namespace MusicSite.Web.Api;

/// <summary>An album's addresses in JSON: its page, its artwork and the artwork's list size.</summary>
public sealed record AlbumLinks(string Page, string Artwork, string Thumbnail);

/// <summary>The one owner of album page addresses; cover addresses come from <see cref="ArtworkUrls"/>.</summary>
public static class AlbumUrls
{
    public static string Page(int id) => "/albums/" + id.ToString(CultureInfo.InvariantCulture);

    public static AlbumLinks For(int id, DateTime updatedAt) =>
        new(Page(id), ArtworkUrls.Album(id, updatedAt), ArtworkUrls.AlbumThumbnail(id, updatedAt));
}
