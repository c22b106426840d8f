using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using MusicSite.Media;

namespace MusicSite.Catalog;

public sealed record GenreRef(int Id, string Name, string Slug);
public sealed record LicenseRef(string Code, string Name, string? Url);
/// <summary>The account that published a thing: its artist page is /artists/{Slug} (null until first needed), and
/// its followers (AppUser.FollowerCount) where the reader filled them in.</summary>
public sealed record UploaderRef(int Id, string DisplayName, string? Slug = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? FollowerCount = null);
public sealed record ProcessingInfo(string State, int Progress, string? Step, string? Error, int Attempts);
/// <summary>The original upload. Its file name was the uploader's local name: only they and admins see it.</summary>
public sealed record AudioInfo(string Codec, int? SampleRate, int? Channels, int? BitrateKbps, long SizeBytes, string? OriginalFileName)
{
    /// <summary>The codec as people know it ("WAV" for pcm_s16le): <see cref="AudioFormats.Label"/>.</summary>
    public string Format => AudioFormats.Label(Codec);
}
public sealed record LoudnessInfo(double IntegratedLufs, double? TruePeakDbtp, double? LoudnessRangeLu, double? ReplayGainDb);
public sealed record VariantInfo(string Quality, string Codec, int? BitrateKbps, long SizeBytes)
{
    /// <summary>The codec as people know it: <see cref="AudioFormats.Label"/>.</summary>
    public string Format => AudioFormats.Label(Codec);
}

/// <summary>Everything the track page and GET /api/music/tracks/{id} show about one track.</summary>
public sealed record TrackDetail(
    int Id, string Title, string ArtistName, int? AlbumId, string? AlbumTitle, int? TrackNumber, string? Description,
    IReadOnlyList<string> Tags, IReadOnlyList<GenreRef> Genres, int? Bpm, string? Key, LicenseRef License,
    bool IsPublic, bool IsDownloadable, UploaderRef Uploader, double? DurationSeconds, ProcessingInfo Processing,
    AudioInfo? Audio, LoudnessInfo? Loudness, IReadOnlyList<VariantInfo> Variants, bool HasArtwork, bool HasWaveform,
    DateTime CreatedAt, DateTime UpdatedAt)
{
    public bool IsReady => Processing.State == "ready";

    /// <summary>Counts, set by the API (<see cref="TrackStatistics"/>).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public TrackStats? Stats { get; init; }

    /// <summary>Addresses of the track's page and media, set by the API.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public TrackLinks? Urls { get; init; }

    /// <summary>Plays and downloads per day over the last 30 days: only with <c>include_stats=true</c>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<DailyCount>? Daily { get; init; }

    /// <summary>Related tracks with their scores: only with <c>include_related=true</c>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<RelatedTrack>? Related { get; init; }

    /// <summary>What the track builds on, every generation back, as the viewer may see it: set by the API
    /// (<see cref="Attribution.Lineage.CreditsAsync"/>).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Attribution.TrackCredits? Credits { get; init; }
}

/// <summary>Where a track's page and media are, as the API gives them: absolute addresses on the site's public
/// base address. Formed by the web edge (TrackUrls), the one owner of these paths.</summary>
public sealed record TrackLinks(string Page, string Stream, string Download, string Waveform, string Artwork, string Thumbnail);

public static class TrackDetails
{
    /// <summary>One track as its viewer may see it, or null (unknown, deleted, or someone else's private track).</summary>
    /// <param name="shared">A valid share link for this track was presented: show it even if it is private.</param>
    public static async Task<TrackDetail?> FindAsync(this TrackCatalog catalog, int id, Viewer viewer,
        CancellationToken cancellationToken, bool shared = false)
    {
        var track = await catalog.Visible(viewer, shared ? id : null).AsNoTracking()
            .Where(t => t.Id == id)
            .Include(t => t.Album).Include(t => t.License).Include(t => t.Uploader)
            .Include(t => t.Genres).ThenInclude(g => g.Genre)
            .Include(t => t.Tags).Include(t => t.MediaFiles)
            .AsSplitQuery()
            .FirstOrDefaultAsync(cancellationToken);
        if (track is null)
        {
            return null;
        }
        var original = track.MediaFiles.FirstOrDefault(m => m.Kind == MediaKind.Original);
        return new TrackDetail(
            track.Id, track.Title, track.ArtistName, track.AlbumId, track.Album?.Title, track.TrackNumber, track.Description,
            track.Tags.Select(t => t.Tag).Order().ToList(),
            track.Genres.Select(g => new GenreRef(g.GenreId, g.Genre!.Name, g.Genre.Slug)).OrderBy(g => g.Name).ToList(),
            track.Bpm, track.Key, new LicenseRef(track.License!.Code, track.License.Name, track.License.Url),
            track.IsPublic, track.IsDownloadable, new UploaderRef(track.UploaderId, track.Uploader!.DisplayName, track.Uploader.ArtistSlug, track.Uploader.FollowerCount),
            track.DurationSeconds,
            new ProcessingInfo(track.State.ToString().ToLowerInvariant(), track.ProcessingProgress, track.ProcessingStep,
                track.ProcessingError, track.ProcessingAttempts),
            original is null ? null : new AudioInfo(original.Codec, original.SampleRate, original.Channels, original.BitrateKbps,
                original.SizeBytes, viewer.MayManage(track.UploaderId) ? track.OriginalFileName : null),
            track.IntegratedLufs is { } lufs ? new LoudnessInfo(lufs, track.TruePeakDbtp, track.LoudnessRangeLu, track.ReplayGainDb) : null,
            track.MediaFiles.Where(m => m.Kind != MediaKind.Original).OrderBy(m => m.Kind)
                .Select(m => new VariantInfo(m.Kind.ToString().ToLowerInvariant(), m.Codec, m.BitrateKbps, m.SizeBytes)).ToList(),
            track.ArtworkPath is not null, track.WaveformPath is not null, track.CreatedAt, track.UpdatedAt);
    }
}
