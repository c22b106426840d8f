using MusicSite.Artists;

namespace MusicSite.Web.Api;

public sealed record ArtistLinks(string Page, string? Avatar, string Tracks, string Albums);

/// <summary>An artist in JSON: the account that publishes, its totals and addresses. The id is the account's id.</summary>
public sealed record ArtistResponse(int Id, string Slug, string DisplayName, string? Bio, ArtistTotals Totals, DateTime JoinedAt, ArtistLinks Urls,
    int FollowerCount)
{
    public static ArtistResponse From(ArtistProfile a) => new(a.Id, a.Slug, a.DisplayName, a.Bio, a.Totals, a.JoinedAt,
        new ArtistLinks(ArtistUrls.Page(a.Slug), ArtistUrls.Avatar(a.Id, a.AvatarVersion), ArtistUrls.Tracks(a.Id), ArtistUrls.Albums(a.Id)), a.FollowerCount);
}
