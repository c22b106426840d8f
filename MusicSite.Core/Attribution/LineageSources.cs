using Microsoft.EntityFrameworkCore;
using MusicSite.Catalog;
using MusicSite.Data;

namespace MusicSite.Attribution;

/// <summary>A track's license beside the advice: <see cref="Clashes"/> says why the current license does not comply
/// (empty when it does).</summary>
public sealed record LicenseStanding(LicenseAdvice Advice, License Current, IReadOnlyList<string> Clashes)
{
    public bool Complies => Clashes.Count == 0;
}

/// <summary>
/// What one track builds on, as its owner manages it: every link and request the track made (approved, pending or
/// declined), and the least restrictive license its approved originals and stems leave it (the decision is
/// <see cref="LicenseCompatibility.LeastRestrictive"/>'s).
/// </summary>
public sealed class LineageSources(MusicSiteDbContext db, TrackCatalog catalog, StemCatalog stemCatalog)
{
    private readonly LinkViews views = new(db, catalog, stemCatalog);

    /// <summary>The track's links to originals and stems, newest first; none unless the viewer manages the track.</summary>
    public async Task<IReadOnlyList<LinkView>> LinksAsync(int trackId, Viewer viewer, CancellationToken cancellationToken)
    {
        var remixes = await LinkViews.Rows(viewer.Managed(db.TrackRelations.Where(r => r.DerivativeId == trackId), r => r.Derivative!.UploaderId), db)
            .ToListAsync(cancellationToken);
        var stems = await LinkViews.Rows(viewer.Managed(db.StemUsages.Where(u => u.TrackId == trackId), u => u.Track!.UploaderId), db)
            .ToListAsync(cancellationToken);
        var rows = remixes.Concat(stems).OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id).ToList();
        return await views.ViewsAsync(rows, viewer, cancellationToken);
    }

    /// <summary>The least restrictive license the track may use given its approved originals and the stems it uses,
    /// and whether its current license complies.</summary>
    public async Task<LicenseStanding> AdviceAsync(int trackId, CancellationToken cancellationToken)
    {
        var current = await db.Tracks.AsNoTracking().Where(t => t.Id == trackId).Select(t => t.License!).SingleAsync(cancellationToken);
        var originals = await db.TrackRelations.AsNoTracking().Where(r => r.DerivativeId == trackId && r.Status == LinkStatus.Approved)
            .Select(r => r.Original!.License!).ToListAsync(cancellationToken);
        var stems = await db.StemUsages.AsNoTracking().Where(u => u.TrackId == trackId && u.Status == LinkStatus.Approved)
            .Select(u => new { u.Stem!.License, u.Stem.RemixAllowed, u.Stem.CommercialAllowed, u.Stem.AttributionRequired })
            .ToListAsync(cancellationToken);
        var sources = originals.Select(LicenseSource.Track)
            .Concat(stems.Select(s => LicenseSource.OfStem(s.License!, new StemRights(s.RemixAllowed, s.CommercialAllowed, s.AttributionRequired))))
            .ToList();
        var candidates = await db.Licenses.AsNoTracking().OrderBy(l => l.Id).ToListAsync(cancellationToken);
        var clashes = sources.Select(s => LicenseCompatibility.Check(s, current)).Where(v => v.Outcome == Compatibility.Clash)
            .Select(v => v.Reason).Distinct().ToList();
        return new LicenseStanding(LicenseCompatibility.LeastRestrictive(sources, candidates), current, clashes);
    }
}
