using Microsoft.EntityFrameworkCore;
using MusicSite.Media;

namespace MusicSite.Catalog;

public sealed record GenreRef(int Id, string Name, string Slug);
public sealed record LicenseRef(string Code, string Name, string? Url);
/// <summary>The account that published a thing: its artist page is /artists/{Slug} (null until first needed).</summary>
public sealed record UploaderRef(int Id, string DisplayName, string? Slug = null);
public sealed record ProcessingInfo(string State, int Progress, string? Step, string? Error, int Attempts);
/// <summary>The original upload. Its file name was the uploader's local name: only they and admins see it.</summary>
public sealed record AudioInfo(string Codec, int? SampleRate, int? Channels, int? BitrateKbps, long SizeBytes, string? OriginalFileName);
public sealed record LoudnessInfo(double IntegratedLufs, double? TruePeakDbtp, double? LoudnessRangeLu, double? ReplayGainDb);
public sealed record VariantInfo(string Quality, string Codec, int? BitrateKbps, long SizeBytes);

/// <summary>Everything the track page and GET /api/music/tracks/{id} show about one track.</summary>
public sealed record TrackDetail(
    int Id, string Title, string ArtistName, int? AlbumId, string? AlbumTitle, int? TrackNumber, string? Description,
    IReadOnlyList<string> Tags, IReadOnlyList<GenreRef> Genres, int? Bpm, string? Key, LicenseRef License,
    bool IsPublic, bool IsDownloadable, UploaderRef Uploader, double? DurationSeconds, ProcessingInfo Processing,
    AudioInfo? Audio, LoudnessInfo? Loudness, IReadOnlyList<VariantInfo> Variants, bool HasArtwork, bool HasWaveform,
    DateTime CreatedAt, DateTime UpdatedAt)
{
    public bool IsReady => Processing.State == "ready";
}

public static class TrackDetails
{
    /// <summary>One track as its viewer may see it, or null (unknown, deleted, or someone else's private track).</summary>
    public static async Task<TrackDetail?> FindAsync(this TrackCatalog catalog, int id, Viewer viewer,
        CancellationToken cancellationToken)
    {
        var track = await catalog.Visible(viewer).AsNoTracking()
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
            track.IsPublic, track.IsDownloadable, new UploaderRef(track.UploaderId, track.Uploader!.DisplayName, track.Uploader.ArtistSlug),
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
