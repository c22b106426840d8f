using MusicSite.Catalog;

namespace MusicSite.Web.Api;

/// <summary>The addresses of a track's page and media: the one place the API forms them, on the site's public
/// address (never the request's Host). Cover addresses come from <see cref="ArtworkUrls"/> and always answer an
/// image; <paramref name="updatedAt"/> versions them.</summary>
public static class TrackUrls
{
    public static TrackLinks For(string baseUrl, int id, DateTime updatedAt) => new(
        Page: $"{baseUrl}/tracks/{id}",
        Stream: $"{baseUrl}/api/music/stream/{id}",
        Download: $"{baseUrl}/api/music/download/{id}",
        Waveform: $"{baseUrl}/api/music/tracks/{id}/waveform",
        Artwork: baseUrl + ArtworkUrls.Track(id, updatedAt),
        Thumbnail: baseUrl + ArtworkUrls.TrackThumbnail(id, updatedAt));
}
