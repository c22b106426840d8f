using System.Text.Json.Serialization;
using MusicSite.Catalog;

namespace MusicSite.Attribution;

/// <summary>An instrument type as lists and forms show it.</summary>
public sealed record InstrumentRef(int Id, string Name, string Category);

/// <summary>What the stem's owner allows others to do with it.</summary>
public sealed record StemRights(bool RemixAllowed, bool CommercialAllowed, bool AttributionRequired);

/// <summary>The track a stem belongs to. <see cref="UpdatedAt"/> versions its cover's address.</summary>
public sealed record StemSource(int Id, string Title, string ArtistName, UploaderRef Artist, DateTime UpdatedAt);

/// <summary>Where a stem's page and files are, as the API gives them (formed by the web edge's StemUrls), with the
/// source track's page and cover.</summary>
public sealed record StemLinks(string Page, string Stream, string Waveform, string Download, string Track, string Artwork, string Thumbnail);

/// <summary>A stem as lists show it. Key and BPM fall back to the source track's when the stem has none.</summary>
public record StemSummary(int Id, string Name, InstrumentRef Instrument, string? Key, int? Bpm, double? DurationSeconds,
    LicenseRef License, StemRights Rights, bool IsDownloadable, [property: JsonIgnore] TrackState State, bool HasWaveform,
    StemSource Track, UploaderRef Uploader, DateTime CreatedAt)
{
    /// <summary>pending, processing, ready or failed.</summary>
    [JsonPropertyName("state")]
    public string StateName => State.ToString().ToLowerInvariant();

    [JsonIgnore]
    public bool IsReady => State == TrackState.Ready;

    /// <summary>Addresses of the stem's page and files, set by the API.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public StemLinks? Urls { get; init; }
}

/// <summary>One stem as its page and GET /api/stems/{id} show it: the summary, its processing and its downloads.</summary>
public sealed record StemDetail : StemSummary
{
    public StemDetail(StemSummary summary, ProcessingInfo processing, int downloadCount, DateTime updatedAt) : base(summary)
    {
        Processing = processing;
        DownloadCount = downloadCount;
        UpdatedAt = updatedAt;
    }

    public ProcessingInfo Processing { get; init; }
    public int DownloadCount { get; init; }
    public DateTime UpdatedAt { get; init; }
}

/// <summary>A page of the stem browser: the rows and how many matched in all.</summary>
public sealed record StemResults(IReadOnlyList<StemSummary> Items, int Total);
