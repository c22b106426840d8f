using Microsoft.EntityFrameworkCore;
using MusicSite.Catalog;
using MusicSite.Playback;

namespace MusicSite.Attribution;

public enum StemArchiveStatus
{
    Found,
    /// <summary>The track is not one the viewer may see.</summary>
    NotFound,
    /// <summary>The track has ready stems, but none the viewer may download.</summary>
    NotAllowed,
    /// <summary>The track has no ready stems at all.</summary>
    Empty,
}

/// <summary>One file of the ZIP: its name inside the archive and where it is stored.</summary>
public sealed record StemArchiveFile(string Name, string FullPath);

/// <summary>What the ZIP of a track's stems holds: the tagged stem files, the CREDITS.txt text and the archive's name.</summary>
public sealed record StemArchivePlan(StemArchiveStatus Status, string FileName = "", IReadOnlyList<StemArchiveFile>? Files = null,
    string Credits = "", IReadOnlyList<int>? StemIds = null)
{
    public const string CreditsName = "CREDITS.txt";
}

/// <summary>
/// Plans the ZIP of a track's stems: every ready stem the viewer may download (<see cref="Viewer.MayDownload(bool, int)"/>),
/// tagged like a single stem download, and CREDITS.txt (<see cref="StemCredits"/>) naming the track, every stem and the
/// track's sources as the viewer may see them.
/// </summary>
public sealed class StemArchive(TrackCatalog tracks, StemCatalog stems, DownloadService downloads, StemSourceCredits sourceCredits)
{
    public async Task<StemArchivePlan> PrepareAsync(int trackId, Viewer viewer, CreditPages pages, CancellationToken cancellationToken)
    {
        var track = await tracks.Visible(viewer).AsNoTracking().Include(t => t.License).FirstOrDefaultAsync(t => t.Id == trackId, cancellationToken);
        if (track is null)
        {
            return new StemArchivePlan(StemArchiveStatus.NotFound);
        }
        var ready = await stems.Visible(viewer).AsNoTracking().Where(s => s.TrackId == trackId && s.State == TrackState.Ready)
            .Include(s => s.License).Include(s => s.InstrumentType)
            .OrderBy(s => s.InstrumentTypeId).ThenBy(s => s.Name).ThenBy(s => s.Id)
            .ToListAsync(cancellationToken);
        if (ready.Count == 0)
        {
            return new StemArchivePlan(StemArchiveStatus.Empty);
        }
        var allowed = ready.Where(s => viewer.MayDownload(s.IsDownloadable, s.UploaderId)).ToList();
        if (allowed.Count == 0)
        {
            return new StemArchivePlan(StemArchiveStatus.NotAllowed);
        }

        var files = new List<StemArchiveFile>();
        var credits = new List<CreditStem>();
        foreach (var (stem, index) in allowed.Select((s, i) => (s, i + 1)))
        {
            var download = await downloads.PrepareStemAsync(stem.Id, viewer, cancellationToken);
            if (download is not { Status: DownloadStatus.Found, File: { } file })
            {
                continue; // deleted or changed since the list was read: left out, like a stem not yet ready
            }
            var name = $"{index:00} - {file.FileName}";
            files.Add(new StemArchiveFile(name, file.FullPath));
            credits.Add(new CreditStem(stem.Name, stem.InstrumentType!.Name, track.ArtistName,
                new CreditLicense(stem.License!.Name, stem.License.Url), stem.RemixAllowed, stem.CommercialAllowed, stem.AttributionRequired, name));
        }
        if (files.Count == 0)
        {
            return new StemArchivePlan(StemArchiveStatus.Empty);
        }
        var text = StemCredits.Text(new CreditTrack(track.Title, track.ArtistName, pages.Track(track.Id), new CreditLicense(track.License!.Name, track.License.Url)),
            credits, await sourceCredits.ForAsync(trackId, viewer, pages, cancellationToken));
        var archiveName = Path.GetFileNameWithoutExtension(DownloadService.FileNameFor(track.ArtistName, track.Title, "zip")) + " (stems).zip";
        return new StemArchivePlan(StemArchiveStatus.Found, archiveName, files, text, allowed.Select(s => s.Id).ToList());
    }
}
