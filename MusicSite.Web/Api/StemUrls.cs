using System.Globalization;
using MusicSite.Attribution;

namespace MusicSite.Web.Api;

/// <summary>
/// The one owner of stem addresses, for pages and JSON alike: the stem page, its stream (the preview variant), its
/// waveform, the download of its original, the ZIP of a track's stems and the stem browser. The cover a stem shows is
/// its source track's (<see cref="ArtworkUrls"/>).
/// </summary>
public static class StemUrls
{
    public const string Browser = "/stems";

    public static string Page(int id) => "/stems/" + Id(id);

    /// <summary>The stem in the API (GET, PUT, DELETE).</summary>
    public static string Api(int id) => "/api/stems/" + Id(id);

    /// <summary>The owner's page that edits (and deletes) the stem.</summary>
    public static string Edit(int id) => $"/stems/{Id(id)}/edit";

    /// <summary>The owner's page that adds stems to a track.</summary>
    public static string AddTo(int trackId) => $"/tracks/{Id(trackId)}/stems/new";

    public static string Stream(int id) => $"/api/stems/{Id(id)}/stream";

    public static string Waveform(int id) => $"/api/stems/{Id(id)}/waveform";

    public static string Download(int id) => "/api/stems/download/" + Id(id);

    /// <summary>Every downloadable stem of a track as one ZIP with CREDITS.txt.</summary>
    public static string TrackDownload(int trackId) => $"/api/stems/track/{Id(trackId)}/download";

    /// <summary>The stem browser showing one instrument's stems.</summary>
    public static string BrowserFor(InstrumentRef instrument) => Browser + "?instrument=" + Uri.EscapeDataString(instrument.Name);

    public static string Cover(StemSummary stem) => ArtworkUrls.Track(stem.Track.Id, stem.Track.UpdatedAt);

    public static string Thumbnail(StemSummary stem) => ArtworkUrls.TrackThumbnail(stem.Track.Id, stem.Track.UpdatedAt);

    /// <summary>The absolute addresses the API gives, on the site's public base address.</summary>
    public static StemLinks For(string baseUrl, StemSummary stem) => new(
        Page: baseUrl + Page(stem.Id),
        Stream: baseUrl + Stream(stem.Id),
        Waveform: baseUrl + Waveform(stem.Id),
        Download: baseUrl + Download(stem.Id),
        Track: TrackUrls.For(baseUrl, stem.Track.Id, stem.Track.UpdatedAt).Page,
        Artwork: baseUrl + Cover(stem),
        Thumbnail: baseUrl + Thumbnail(stem));

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);
}
