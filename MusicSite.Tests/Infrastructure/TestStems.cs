using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MusicSite.Attribution;
using MusicSite.Catalog;
using MusicSite.Data;
using MusicSite.Hosting;
using MusicSite.Media;

namespace MusicSite.Tests.Infrastructure;

/// <summary>What a test stem is: everything but its track is optional.</summary>
public sealed record StemSeed(string Name, string Instrument = "Kick", string License = "cc-by", string? Key = null, int? Bpm = null,
    bool RemixAllowed = true, bool IsDownloadable = true, TrackState State = TrackState.Ready, bool Deleted = false,
    DateTime? CreatedAt = null, bool CommercialAllowed = true)
{
    /// <summary>When set, a stereo tone of this many seconds (made by ffmpeg) is the stem's original and preview.</summary>
    public double? AudioSeconds { get; init; }
    public int Frequency { get; init; } = 220;
}

/// <summary>Puts stems straight into a running site's database (and media folder), as the stem pipeline leaves them.</summary>
public static class TestStems
{
    public static async Task<int> AddAsync(IServiceProvider services, int trackId, StemSeed seed)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MusicSiteDbContext>();
        var paths = scope.ServiceProvider.GetRequiredService<IOptions<MusicSiteOptions>>().Value.Paths;
        var track = await db.Tracks.AsNoTracking().FirstAsync(t => t.Id == trackId);
        var now = seed.CreatedAt ?? DateTime.UtcNow;
        var folder = Guid.NewGuid().ToString("N");
        var stem = new Stem
        {
            TrackId = trackId, Name = seed.Name, Key = seed.Key, Bpm = seed.Bpm,
            InstrumentTypeId = (await db.InstrumentTypes.FirstAsync(i => i.Name == seed.Instrument)).Id,
            LicenseId = (await db.Licenses.FirstAsync(l => l.Code == seed.License)).Id,
            RemixAllowed = seed.RemixAllowed, CommercialAllowed = seed.CommercialAllowed, AttributionRequired = true, IsDownloadable = seed.IsDownloadable,
            UploaderId = track.UploaderId, MediaFolder = folder, State = seed.State, DurationSeconds = seed.AudioSeconds ?? 30,
            CreatedAt = now, UpdatedAt = now, DeletedAt = seed.Deleted ? now : null,
        };
        if (seed.AudioSeconds is { } seconds)
        {
            var directory = paths.MediaPath(Path.Combine("stems", folder));
            Directory.CreateDirectory(directory);
            var tone = MediaFixtures.Tone(directory, "mp3", seconds, seed.Frequency);
            foreach (var (kind, relative) in new[] { (MediaKind.Original, Path.Combine("stems", folder, "original.mp3")),
                         (StemMedia.Preview.Kind, StemMedia.PreviewPath(folder)) })
            {
                File.Copy(tone, paths.MediaPath(relative));
                stem.Files.Add(new StemFile
                {
                    Kind = kind, Codec = "mp3", ContentType = "audio/mpeg", BitrateKbps = 128, SampleRate = 44100, Channels = 2,
                    SizeBytes = new FileInfo(paths.MediaPath(relative)).Length, RelativePath = relative, CreatedAt = now,
                });
            }
            File.Delete(tone);
        }
        db.Stems.Add(stem);
        await db.SaveChangesAsync();
        return stem.Id;
    }

    /// <summary>Sets a track's key and BPM (stems without their own take these).</summary>
    public static async Task SetTrackMusicAsync(IServiceProvider services, int trackId, string? key, int? bpm)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MusicSiteDbContext>();
        await db.Tracks.Where(t => t.Id == trackId).ExecuteUpdateAsync(s => s.SetProperty(t => t.Key, key).SetProperty(t => t.Bpm, bpm));
    }
}
