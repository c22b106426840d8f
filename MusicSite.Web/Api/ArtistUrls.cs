using System.Globalization;
using MusicSite.Catalog;

namespace MusicSite.Web.Api;

/// <summary>The one owner of artist addresses, for pages and JSON alike.</summary>
public static class ArtistUrls
{
    /// <summary>The artist page. An account whose slug is not made yet goes through /artists/by-id/{id}, which makes
    /// it and redirects.</summary>
    public static string Page(int id, string? slug) =>
        string.IsNullOrEmpty(slug) ? "/artists/by-id/" + id.ToString(CultureInfo.InvariantCulture) : Page(slug);

    public static string Page(string slug) => "/artists/" + Uri.EscapeDataString(slug);

    public static string Page(UploaderRef artist) => Page(artist.Id, artist.Slug);

    /// <summary>The avatar image, or null when the account has none; the version makes a new avatar a new address.</summary>
    public static string? Avatar(int id, string? version) =>
        version is null ? null : $"/api/users/{id.ToString(CultureInfo.InvariantCulture)}/avatar?v={Uri.EscapeDataString(version)}";

    public static string Tracks(int id) => $"/api/artists/{id.ToString(CultureInfo.InvariantCulture)}/tracks";

    public static string Albums(int id) => $"/api/artists/{id.ToString(CultureInfo.InvariantCulture)}/albums";
}
