using MusicSite.Catalog;

namespace MusicSite.Web.Api;

/// <summary>An album in a JSON list: the summary, who published it, and its addresses.</summary>
public sealed record AlbumListItem(int Id, string Title, string ArtistName, DateOnly? ReleaseDate, int TrackCount, UploaderRef? Owner,
    AlbumLinks Urls)
{
    public static AlbumListItem From(AlbumSummary a) => new(a.Id, a.Title, a.ArtistName, a.ReleaseDate, a.TrackCount, a.Owner, AlbumUrls.For(a.Id, a.UpdatedAt));

    public static IReadOnlyList<AlbumListItem> From(IEnumerable<AlbumSummary> albums) => albums.Select(From).ToList();
}

/// <summary>One album in JSON: its detail and its addresses.</summary>
public sealed record AlbumResponse(int Id, string Title, string ArtistName, DateOnly? ReleaseDate, string? Description, bool HasArtwork,
    IReadOnlyList<GenreRef> Genres, UploaderRef Owner, IReadOnlyList<AlbumTrack> Tracks, double TotalSeconds,
    IReadOnlyList<string> Artists, IReadOnlyList<string> Licenses, DateTime CreatedAt, DateTime UpdatedAt, AlbumLinks Urls)
{
    public static AlbumResponse From(AlbumDetail a) => new(a.Id, a.Title, a.ArtistName, a.ReleaseDate, a.Description, a.HasArtwork, a.Genres,
        a.Owner, a.Tracks, a.TotalSeconds, a.Artists, a.Licenses, a.CreatedAt, a.UpdatedAt, AlbumUrls.For(a.Id, a.UpdatedAt));
}
