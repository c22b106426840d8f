using MusicSite.Catalog;

namespace MusicSite.Web.Api;

/// <summary>The addresses of a track's page and media: the one place the API forms them, on the site's public
/// address (never the request's Host). The artwork address always answers an image.</summary>
public static class TrackUrls
{
    public static TrackLinks For(string baseUrl, int id) => new(
        Page: $"{baseUrl}/tracks/{id}",
        Stream: $"{baseUrl}/api/music/stream/{id}",
        Download: $"{baseUrl}/api/music/download/{id}",
        Waveform: $"{baseUrl}/api/music/tracks/{id}/waveform",
        Artwork: $"{baseUrl}/api/music/tracks/{id}/artwork",
        Thumbnail: $"{baseUrl}/api/music/tracks/{id}/artwork");
}
