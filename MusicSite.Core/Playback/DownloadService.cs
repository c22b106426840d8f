using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MusicSite.Attribution;
using MusicSite.Catalog;
using MusicSite.Hosting;
using MusicSite.Media;

namespace MusicSite.Playback;

public enum DownloadFormat
{
    Original,
    Mp3,
    Flac,
}

public enum DownloadStatus
{
    Found,
    NotFound,
    NotAllowed,
    NotReady,
    FormatUnavailable,
}

public sealed record DownloadFile(string FullPath, string ContentType, string FileName, DateTimeOffset LastModified, long Length);

public sealed record DownloadLookup(DownloadStatus Status, DownloadFile? File = null);

/// <summary>
/// Downloads carry their credits: ffmpeg copies the audio (no re-encode) and writes title, artist, album,
/// genre, year, track number, the license with its address, a credits comment and the cover. Each tagged
/// file is made once per track version and kept beside the track's other files.
/// </summary>
/// <remarks>
/// The stored original stays byte-exact (docs/decisions/0012-original-files.md), but no download hands it out
/// as stored: each one is rebuilt from the audio stream, and whatever the upload carried besides audio (an
/// appended HTML page or ZIP archive) is left behind.
/// </remarks>
public sealed class DownloadService(TrackCatalog catalog, StemCatalog stems, StemSourceCredits sourceCredits, FfmpegRunner runner,
    IOptions<MusicSiteOptions> options)
{
    /// <summary>Part of each download's file name: raised when the way downloads are built changes, so files made
    /// the old way (before polyglot tails were cut off) are made again and the old ones removed.</summary>
    private const string BuildRevision = "r2";

    // One build per output path at a time: two listeners asking at once get the same file, made once.
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Building = new();

    public async Task<DownloadLookup> PrepareAsync(int trackId, Viewer viewer, DownloadFormat format, CancellationToken cancellationToken)
    {
        var track = await catalog.Visible(viewer).AsNoTracking()
            .Include(t => t.MediaFiles).Include(t => t.License).Include(t => t.Album).Include(t => t.Uploader)
            .Include(t => t.Genres).ThenInclude(g => g.Genre)
            .AsSplitQuery()
            .FirstOrDefaultAsync(t => t.Id == trackId, cancellationToken);
        if (track is null)
        {
            return new DownloadLookup(DownloadStatus.NotFound);
        }
        if (!viewer.MayDownload(track))
        {
            return new DownloadLookup(DownloadStatus.NotAllowed);
        }
        if (track.State != TrackState.Ready)
        {
            return new DownloadLookup(DownloadStatus.NotReady);
        }

        var source = format switch
        {
            DownloadFormat.Mp3 => track.MediaFiles.FirstOrDefault(m => m.Kind == MediaKind.High),
            DownloadFormat.Flac => track.MediaFiles.FirstOrDefault(m => m.Kind == MediaKind.Lossless),
            _ => track.MediaFiles.FirstOrDefault(m => m.Kind == MediaKind.Original),
        };
        if (source is null)
        {
            return new DownloadLookup(DownloadStatus.FormatUnavailable);
        }

        var paths = options.Value.Paths;
        var extension = Path.GetExtension(source.RelativePath).TrimStart('.');
        var directory = paths.MediaPath(Path.Combine("tracks", track.MediaFolder, "downloads"));
        var artwork = track.ArtworkPath is null ? null : paths.MediaPath(ArtworkStore.LargeFile(track.ArtworkPath));
        // The credits are as this viewer may see them (a private source is masked), so they are part of the file's version.
        var tags = Tags(track, await sourceCredits.ForAsync(track.Id, viewer, null, cancellationToken));
        var target = await BuildOnceAsync(directory, format.ToString().ToLowerInvariant(), track.UpdatedAt, tags, extension,
            temp => TagAsync(tags, paths.MediaPath(source.RelativePath), extension, artwork, temp, cancellationToken), cancellationToken);
        var info = new FileInfo(target);
        return new DownloadLookup(DownloadStatus.Found, new DownloadFile(info.FullName, source.ContentType,
            FileNameFor(track.ArtistName, track.Title, extension), new DateTimeOffset(info.LastWriteTimeUtc, TimeSpan.Zero), info.Length));
    }

    /// <summary>A stem's original, tagged (<see cref="StemTags"/>) with its source track's cover: for anyone when the stem
    /// is downloadable, else for its owner and admins (<see cref="Viewer.MayDownload(bool, int)"/>).</summary>
    public async Task<DownloadLookup> PrepareStemAsync(int stemId, Viewer viewer, CancellationToken cancellationToken)
    {
        var stem = await stems.Visible(viewer).AsNoTracking()
            .Include(s => s.Files).Include(s => s.License).Include(s => s.InstrumentType).Include(s => s.Track)
            .FirstOrDefaultAsync(s => s.Id == stemId, cancellationToken);
        if (stem is null)
        {
            return new DownloadLookup(DownloadStatus.NotFound);
        }
        if (!viewer.MayDownload(stem.IsDownloadable, stem.UploaderId))
        {
            return new DownloadLookup(DownloadStatus.NotAllowed);
        }
        var source = stem.Files.FirstOrDefault(f => f.Kind == MediaKind.Original);
        if (stem.State != TrackState.Ready || source is null)
        {
            return new DownloadLookup(DownloadStatus.NotReady);
        }
        var paths = options.Value.Paths;
        var extension = Path.GetExtension(source.RelativePath).TrimStart('.');
        var track = stem.Track!;
        var directory = paths.MediaPath(Path.Combine(StemMedia.FolderOf(stem.MediaFolder), "downloads"));
        var artwork = track.ArtworkPath is null ? null : paths.MediaPath(ArtworkStore.LargeFile(track.ArtworkPath));
        // A new version of the stem or of its track (title, artist) makes a new file.
        var version = stem.UpdatedAt > track.UpdatedAt ? stem.UpdatedAt : track.UpdatedAt;
        var tags = StemTags(stem);
        var target = await BuildOnceAsync(directory, "original", version, tags, extension,
            temp => TagAsync(tags, paths.MediaPath(source.RelativePath), extension, artwork, temp, cancellationToken), cancellationToken);
        var info = new FileInfo(target);
        return new DownloadLookup(DownloadStatus.Found, new DownloadFile(info.FullName, source.ContentType,
            FileNameFor(track.ArtistName, $"{track.Title} ({stem.Name})", extension), new DateTimeOffset(info.LastWriteTimeUtc, TimeSpan.Zero),
            info.Length));
    }

    /// <summary>The file for one version of a download (the item's last change and the tags written), made once by
    /// <paramref name="build"/> into the temp path it is given; files of earlier changes are removed.</summary>
    private static async Task<string> BuildOnceAsync(string directory, string prefix, DateTime version,
        IReadOnlyList<(string Key, string Value)> tags, string extension, Func<string, Task> build, CancellationToken cancellationToken)
    {
        var changed = $"{prefix}-{version.Ticks.ToString(CultureInfo.InvariantCulture)}-";
        var tagHash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes(string.Join("\n", tags.Select(t => $"{t.Key}={t.Value}")))))[..12];
        var target = Path.Combine(directory, $"{changed}{tagHash}-{BuildRevision}.{extension}");
        var gate = Building.GetOrAdd(target, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (!File.Exists(target))
            {
                Directory.CreateDirectory(directory);
                var temp = $"{target}.tmp-{Guid.NewGuid():N}";
                try
                {
                    await build(temp);
                    File.Move(temp, target, overwrite: true);
                }
                finally
                {
                    File.Delete(temp);
                }
                // Files of earlier versions (before an edit) are no longer handed out. Files of the same version with other
                // credits (as another viewer sees them) stay: one of them may be on its way to a listener right now.
                foreach (var old in Directory.EnumerateFiles(directory, $"{prefix}-*").Where(f => !Path.GetFileName(f).StartsWith(changed, StringComparison.Ordinal)))
                {
                    File.Delete(old);
                }
            }
        }
        finally
        {
            gate.Release();
        }
        return target;
    }

    /// <summary>"Artist - Title.ext", without characters a file system or a header would choke on.</summary>
    public static string FileNameFor(string artist, string title, string extension)
    {
        var name = $"{artist} - {title}";
        var invalid = Path.GetInvalidFileNameChars().Concat(['\\', '"', ':', '*', '?', '<', '>', '|']).ToHashSet();
        var clean = new string(name.Select(c => invalid.Contains(c) || char.IsControl(c) ? '_' : c).ToArray()).Trim();
        return $"{(clean.Length > 150 ? clean[..150] : clean)}.{extension}";
    }

    /// <summary>The tags for a track, its credits (<paramref name="sources"/>: the works and stems it is built on, as
    /// <see cref="StemCredits.TagCredits"/> words them) in the comment; also what tests read back.</summary>
    public static IReadOnlyList<(string Key, string Value)> Tags(Track track, IReadOnlyList<CreditSource>? sources = null)
    {
        var credits = StemCredits.TagCredits(sources ?? []);
        var license = track.License!;
        var licenseText = license.Url is null ? license.Name : $"{license.Name} ({license.Url})";
        var year = (track.Album?.ReleaseDate?.Year ?? track.CreatedAt.Year).ToString(CultureInfo.InvariantCulture);
        var tags = new List<(string, string)>
        {
            ("title", track.Title),
            ("artist", track.ArtistName),
            ("date", year),
            ("copyright", licenseText),
            ("LICENSE", licenseText),
            ("comment", $"{track.Title} by {track.ArtistName}. Licensed {licenseText}. Published on MusicSite by {track.Uploader?.DisplayName ?? track.ArtistName}."
                        + (credits is null ? "" : " " + credits)),
        };
        if (track.Album is { } album)
        {
            tags.Add(("album", album.Title));
        }
        if (track.TrackNumber is { } number)
        {
            tags.Add(("track", number.ToString(CultureInfo.InvariantCulture)));
        }
        if (track.Genres.Count > 0)
        {
            tags.Add(("genre", string.Join("; ", track.Genres.Select(g => g.Genre!.Name))));
        }
        return tags;
    }

    /// <summary>Writes <paramref name="source"/>'s audio with <paramref name="tags"/> (and the cover where the format holds
    /// one) to <paramref name="output"/>.</summary>
    /// <summary>The tags of a downloaded stem (loaded with its track, license and instrument): title, artist, license,
    /// and a comment naming its source track and its rights.</summary>
    public static IReadOnlyList<(string Key, string Value)> StemTags(Stem stem)
    {
        var track = stem.Track!;
        var license = new CreditLicense(stem.License!.Name, stem.License.Url).ToString();
        return
        [
            ("title", $"{track.Title} ({stem.Name})"),
            ("artist", track.ArtistName),
            ("album", track.Title),
            ("date", stem.CreatedAt.Year.ToString(CultureInfo.InvariantCulture)),
            ("copyright", license),
            ("LICENSE", license),
            ("comment", $"Stem \"{stem.Name}\" ({stem.InstrumentType!.Name}) of \"{track.Title}\" by {track.ArtistName}. Licensed {license}. "
                        + $"Rights: {StemCredits.Rights(stem.RemixAllowed, stem.CommercialAllowed, stem.AttributionRequired)}. Published on MusicSite."),
        ];
    }

    private async Task TagAsync(IReadOnlyList<(string Key, string Value)> tags, string source, string extension, string? artwork,
        string output, CancellationToken cancellationToken)
    {
        var (muxer, canHoldCover) = extension switch
        {
            "mp3" => ("mp3", true),
            "flac" => ("flac", true),
            "m4a" => ("ipod", true),
            "ogg" => ("ogg", false),
            "opus" => ("ogg", false),
            "aac" => ("adts", false),
            _ => ("wav", false),
        };
        var withCover = canHoldCover && artwork is not null && File.Exists(artwork);
        List<string> arguments = ["-protocol_whitelist", "file", "-i", source];
        if (withCover)
        {
            arguments.AddRange(["-i", artwork!, "-map", "0:a:0", "-map", "1:v:0", "-c:v", "copy", "-disposition:v:0", "attached_pic"]);
        }
        else
        {
            arguments.AddRange(["-map", "0:a:0"]);
        }
        // The audio is copied, never decoded: except FLAC, whose stream copy (like MP3's) would keep bytes appended
        // after the audio. FLAC is lossless, so encoding it again keeps every sample and drops the rest.
        arguments.AddRange(["-c:a", muxer == "flac" ? "flac" : "copy", "-map_metadata", "-1"]);
        foreach (var (key, value) in tags)
        {
            arguments.AddRange(["-metadata", $"{key}={value}"]);
        }
        if (muxer == "mp3")
        {
            arguments.AddRange(["-id3v2_version", "3"]);
        }
        arguments.AddRange(["-f", muxer, "-y", output]);
        var result = await runner.RunFfmpegAsync(arguments, cancellationToken, TimeSpan.FromMinutes(5));
        if (!result.Succeeded)
        {
            throw new MediaToolException("The download could not be prepared: " + result.LastErrorLine);
        }
        if (muxer == "mp3")
        {
            MpegAudioFrames.TrimAfterAudio(output);
        }
    }
}
