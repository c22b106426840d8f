using Microsoft.EntityFrameworkCore;
using MusicSite.Catalog;
using MusicSite.Data;

namespace MusicSite.Attribution;

/// <summary>Links and requests as a viewer sees them: both ends as lineage nodes, masked by <see cref="LineageNodes"/>.
/// A list costs the same few queries whatever its length.</summary>
internal sealed class LinkViews(MusicSiteDbContext db, TrackCatalog catalog, StemCatalog stemCatalog)
{
    private readonly LineageNodes nodes = new(db, catalog, stemCatalog);

    /// <summary>A link row reduced to what a view needs: for a stem use, <see cref="OriginalId"/> is the stem's id.</summary>
    internal sealed record Row(string Type, int Id, LinkStatus Status, RelationKind? Kind, int OriginalId, int DerivativeId,
        UploaderRef RequestedBy, DateTime CreatedAt, DateTime? AnsweredAt);

    internal static IQueryable<Row> Rows(IQueryable<TrackRelation> relations, MusicSiteDbContext db) =>
        from r in relations
        join u in db.Users on r.RequestedById equals u.Id
        select new Row(LinkTypes.Remix, r.Id, r.Status, r.Kind, r.OriginalId, r.DerivativeId,
            new UploaderRef(u.Id, u.DisplayName, u.ArtistSlug), r.CreatedAt, r.AnsweredAt);

    internal static IQueryable<Row> Rows(IQueryable<StemUsage> uses, MusicSiteDbContext db) =>
        from s in uses
        join u in db.Users on s.RequestedById equals u.Id
        select new Row(LinkTypes.Stem, s.Id, s.Status, null, s.StemId, s.TrackId,
            new UploaderRef(u.Id, u.DisplayName, u.ArtistSlug), s.CreatedAt, s.AnsweredAt);

    public async Task<LinkView?> RemixAsync(int id, Viewer viewer, CancellationToken cancellationToken) =>
        (await ViewsAsync(await Rows(db.TrackRelations.Where(r => r.Id == id), db).ToListAsync(cancellationToken), viewer, cancellationToken))
        .FirstOrDefault();

    public async Task<LinkView?> StemAsync(int id, Viewer viewer, CancellationToken cancellationToken) =>
        (await ViewsAsync(await Rows(db.StemUsages.Where(u => u.Id == id), db).ToListAsync(cancellationToken), viewer, cancellationToken))
        .FirstOrDefault();

    public async Task<IReadOnlyList<LinkView>> ViewsAsync(IReadOnlyList<Row> rows, Viewer viewer, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return [];
        }
        var tracks = rows.SelectMany(r => r.Type == LinkTypes.Remix ? [r.OriginalId, r.DerivativeId] : new[] { r.DerivativeId })
            .Distinct().ToDictionary(id => id, _ => 0);
        var stems = rows.Where(r => r.Type == LinkTypes.Stem).Select(r => r.OriginalId).Distinct().ToDictionary(id => id, _ => 0);
        var built = await nodes.BuildAsync(new LineagePlan("", 0, tracks, stems, false, 0, false), viewer, cancellationToken);
        return rows.Select(r => new LinkView(r.Type, r.Id, LineageNames.Of(r.Status), r.Kind is { } kind ? LineageNames.Of(kind) : null,
                r.Type == LinkTypes.Remix ? built.Tracks[r.OriginalId] : built.Stems[r.OriginalId], built.Tracks[r.DerivativeId],
                r.RequestedBy, r.CreatedAt, r.AnsweredAt))
            .ToList();
    }
}
