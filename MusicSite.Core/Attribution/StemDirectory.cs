using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using MusicSite.Catalog;
using MusicSite.Common;
using MusicSite.Data;

namespace MusicSite.Attribution;

/// <summary>
/// The read side of stems: the browser's query, one stem, a track's stems and the instrument types. Every query
/// starts from <see cref="StemCatalog.Visible"/> and projects in the database (no N+1). Lists and pages show ready
/// stems; a stem still processing (or failed) shows only to its owner and admins.
/// </summary>
public sealed class StemDirectory(MusicSiteDbContext db, StemCatalog stems, TrackCatalog tracks)
{
    public async Task<ServiceResult<StemResults>> BrowseAsync(StemQuery query, Viewer viewer, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var found = stems.Visible(viewer).Where(s => s.State == TrackState.Ready);
        if (query.Instrument is { } instrument)
        {
            var ids = await InstrumentIdsAsync(instrument, cancellationToken);
            if (ids.Count == 0)
            {
                errors.Add("instrument", $"'{instrument}' is not an instrument type.");
            }
            found = found.Where(s => ids.Contains(s.InstrumentTypeId));
        }
        if (query.License is { } license)
        {
            var code = license.ToLowerInvariant();
            if (!await db.Licenses.AnyAsync(l => l.Code == code || l.Name.ToLower() == code, cancellationToken))
            {
                errors.Add("license", $"'{license}' is not a license of the site.");
            }
            found = found.Where(s => s.License!.Code == code || s.License.Name.ToLower() == code);
        }
        if (errors.Any)
        {
            return ServiceResult<StemResults>.Invalid(errors);
        }
        found = Filter(found, query);
        var total = await found.CountAsync(cancellationToken);
        var ordered = query.Sort == StemSortChoice.Name
            ? found.OrderBy(s => s.Name).ThenByDescending(s => s.Id)
            : found.OrderByDescending(s => s.CreatedAt).ThenByDescending(s => s.Id);
        var items = await ordered.Skip(Paging.Offset(query.Page, query.Limit)).Take(query.Limit)
            .Select(Summary).ToListAsync(cancellationToken);
        return ServiceResult<StemResults>.Ok(new StemResults(items, total));
    }

    /// <summary>One stem, or null when the viewer may not see it (unknown, deleted, its track hidden, or not ready
    /// and not theirs).</summary>
    public async Task<StemDetail?> FindAsync(int id, Viewer viewer, CancellationToken cancellationToken)
    {
        var shown = Shown(stems.Visible(viewer), viewer).Where(s => s.Id == id);
        var summary = await shown.Select(Summary).FirstOrDefaultAsync(cancellationToken);
        if (summary is null)
        {
            return null;
        }
        var extra = await shown.Select(s => new
        {
            s.ProcessingProgress, s.ProcessingStep, s.ProcessingError, s.ProcessingAttempts, s.DownloadCount, s.UpdatedAt,
        }).FirstAsync(cancellationToken);
        return new StemDetail(summary,
            new ProcessingInfo(summary.StateName, extra.ProcessingProgress, extra.ProcessingStep, extra.ProcessingError, extra.ProcessingAttempts),
            extra.DownloadCount, extra.UpdatedAt);
    }

    /// <summary>The stems of a track in instrument order, or null when the viewer may not see the track. Its owner
    /// and admins also see the stems still processing.</summary>
    public async Task<IReadOnlyList<StemSummary>?> OfTrackAsync(int trackId, Viewer viewer, CancellationToken cancellationToken)
    {
        if (!await tracks.Visible(viewer).AnyAsync(t => t.Id == trackId, cancellationToken))
        {
            return null;
        }
        return await Shown(stems.Visible(viewer), viewer).Where(s => s.TrackId == trackId)
            .OrderBy(s => s.InstrumentTypeId).ThenBy(s => s.Name).ThenBy(s => s.Id)
            .Select(Summary).ToListAsync(cancellationToken);
    }

    /// <summary>The seeded instrument types, grouped by category in seed order.</summary>
    public async Task<IReadOnlyList<InstrumentRef>> InstrumentTypesAsync(CancellationToken cancellationToken) =>
        await db.InstrumentTypes.AsNoTracking().OrderBy(i => i.Id).Select(i => new InstrumentRef(i.Id, i.Name, i.Category))
            .ToListAsync(cancellationToken);

    /// <summary>The licenses a stem can have, for the browser's filter.</summary>
    public async Task<IReadOnlyList<LicenseRef>> LicensesAsync(CancellationToken cancellationToken) =>
        await db.Licenses.AsNoTracking().OrderBy(l => l.Id).Select(l => new LicenseRef(l.Code, l.Name, l.Url)).ToListAsync(cancellationToken);

    /// <summary>Ready stems, and the viewer's own (or all, for an admin) in any state.</summary>
    private static IQueryable<Stem> Shown(IQueryable<Stem> visible, Viewer viewer)
    {
        var userId = viewer.UserId ?? 0; // ids start at 1: an anonymous viewer owns nothing
        return viewer.IsAdmin ? visible : visible.Where(s => s.State == TrackState.Ready || s.UploaderId == userId);
    }

    /// <summary>An instrument named by id or by name in any letter case.</summary>
    private async Task<List<int>> InstrumentIdsAsync(string named, CancellationToken cancellationToken)
    {
        var id = int.TryParse(named, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : 0;
        var name = named.ToLowerInvariant();
        return await db.InstrumentTypes.Where(i => i.Id == id || i.Name.ToLower() == name).Select(i => i.Id).ToListAsync(cancellationToken);
    }

    private static IQueryable<Stem> Filter(IQueryable<Stem> found, StemQuery query)
    {
        if (query.Key is { } key)
        {
            var spellings = MusicalKey.Spellings(key);
            found = found.Where(s => spellings.Contains(s.Key ?? s.Track!.Key!));
        }
        if (query.BpmMin is { } bpmMin)
        {
            found = found.Where(s => (s.Bpm ?? s.Track!.Bpm) >= bpmMin);
        }
        if (query.BpmMax is { } bpmMax)
        {
            found = found.Where(s => (s.Bpm ?? s.Track!.Bpm) <= bpmMax);
        }
        if (query.RemixAllowed is { } remix)
        {
            found = found.Where(s => s.RemixAllowed == remix);
        }
        foreach (var word in CatalogSearch.Terms(query.Search))
        {
            // Every word must appear somewhere: the stem's name, its instrument, the source track's title or artist.
            var pattern = QueryValues.ContainsPattern(word);
            found = found.Where(s => EF.Functions.Like(s.Name, pattern, QueryValues.LikeEscape)
                                     || EF.Functions.Like(s.InstrumentType!.Name, pattern, QueryValues.LikeEscape)
                                     || EF.Functions.Like(s.Track!.Title, pattern, QueryValues.LikeEscape)
                                     || EF.Functions.Like(s.Track.ArtistName, pattern, QueryValues.LikeEscape));
        }
        return found;
    }

    private static readonly Expression<Func<Stem, StemSummary>> Summary = s => new StemSummary(
        s.Id, s.Name, new InstrumentRef(s.InstrumentTypeId, s.InstrumentType!.Name, s.InstrumentType.Category),
        s.Key ?? s.Track!.Key, s.Bpm ?? s.Track!.Bpm, s.DurationSeconds,
        new LicenseRef(s.License!.Code, s.License.Name, s.License.Url),
        new StemRights(s.RemixAllowed, s.CommercialAllowed, s.AttributionRequired), s.IsDownloadable, s.State, s.WaveformPath != null,
        new StemSource(s.TrackId, s.Track!.Title, s.Track.ArtistName,
            new UploaderRef(s.Track.UploaderId, s.Track.Uploader!.DisplayName, s.Track.Uploader.ArtistSlug), s.Track.UpdatedAt),
        new UploaderRef(s.UploaderId, s.Uploader!.DisplayName, s.Uploader.ArtistSlug), s.CreatedAt);
}
