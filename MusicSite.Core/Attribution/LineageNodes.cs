using Microsoft.EntityFrameworkCore;
using MusicSite.Catalog;
using MusicSite.Data;

namespace MusicSite.Attribution;

/// <summary>What to draw: tracks and stems with their layers, and which stem uses to follow.</summary>
internal sealed record LineagePlan(string Root, int Depth, IReadOnlyDictionary<int, int> TrackLayers,
    IReadOnlyDictionary<int, int> FixedStems, bool ForeignStems, int Omitted, bool Deeper);

/// <summary>A built answer, with each shown track's and stem's node by id for callers that need to pair them.</summary>
internal sealed record BuiltLineage(LineageGraph Graph, IReadOnlyDictionary<int, LineageNode> Tracks, IReadOnlyDictionary<int, LineageNode> Stems);

/// <summary>
/// Turns walked ids into nodes and edges for one viewer, in a fixed number of queries whatever the size. The one
/// place that masks: a work the viewer may not see (TrackCatalog's and StemCatalog's rules) becomes "a private work"
/// or "a removed work" with a key that says nothing about it, and its links stay so the chain does not break.
/// </summary>
internal sealed class LineageNodes(MusicSiteDbContext db, TrackCatalog catalog, StemCatalog stemCatalog)
{
    private sealed record StemUse(int Id, int StemId, int SourceTrackId, int UserTrackId);

    private enum Seen { Visible, Removed, Private }

    public async Task<BuiltLineage> BuildAsync(LineagePlan plan, Viewer viewer, CancellationToken cancellationToken)
    {
        var trackIds = plan.TrackLayers.Keys.ToList();
        var relations = await db.TrackRelations.AsNoTracking()
            .Where(r => r.Status == LinkStatus.Approved && trackIds.Contains(r.OriginalId) && trackIds.Contains(r.DerivativeId))
            .Select(r => new { r.Id, r.OriginalId, r.DerivativeId, r.Kind })
            .ToListAsync(cancellationToken);
        var fixedStemIds = plan.FixedStems.Keys.ToList();
        var uses = (await db.StemUsages.AsNoTracking()
                .Where(u => u.Status == LinkStatus.Approved && trackIds.Contains(u.TrackId))
                .Select(u => new StemUse(u.Id, u.StemId, u.Stem!.TrackId, u.TrackId))
                .ToListAsync(cancellationToken))
            .Where(u => plan.ForeignStems || plan.TrackLayers.ContainsKey(u.SourceTrackId) || plan.FixedStems.ContainsKey(u.StemId))
            .ToList();

        // A stem stands in its source track's layer, or just before the first track using it.
        var stemLayers = new Dictionary<int, int>(plan.FixedStems);
        foreach (var use in uses.OrderBy(u => plan.TrackLayers[u.UserTrackId]))
        {
            stemLayers.TryAdd(use.StemId, plan.TrackLayers.TryGetValue(use.SourceTrackId, out var layer) ? layer : plan.TrackLayers[use.UserTrackId] - 1);
        }
        var room = Math.Max(0, Lineage.MaxNodes - trackIds.Count);
        var keptStems = stemLayers.OrderBy(s => plan.FixedStems.ContainsKey(s.Key) ? 0 : 1).ThenBy(s => Math.Abs(s.Value)).ThenBy(s => s.Key)
            .Take(room).ToDictionary(s => s.Key, s => s.Value);
        var omitted = plan.Omitted + stemLayers.Count - keptStems.Count;
        var stemIds = keptStems.Keys.ToList();

        var stems = await db.Stems.AsNoTracking().Where(s => stemIds.Contains(s.Id))
            .Select(s => new
            {
                s.Id, s.Name, s.TrackId, ArtistName = s.Track!.ArtistName, Instrument = s.InstrumentType!.Name,
                License = new LicenseRef(s.License!.Code, s.License.Name, s.License.Url),
                Owner = new UploaderRef(s.UploaderId, s.Uploader!.DisplayName, s.Uploader.ArtistSlug),
                Rights = new StemRights(s.RemixAllowed, s.CommercialAllowed, s.AttributionRequired),
            })
            .ToDictionaryAsync(s => s.Id, cancellationToken);
        var visibleStems = (await stemCatalog.Visible(viewer).Where(s => stemIds.Contains(s.Id)).Select(s => s.Id).ToListAsync(cancellationToken))
            .ToHashSet();

        var seenIds = trackIds.Concat(stems.Values.Select(s => s.TrackId)).Distinct().ToList();
        var tracks = await catalog.Visible(viewer).AsNoTracking().Where(t => seenIds.Contains(t.Id))
            .Select(t => new
            {
                t.Id, t.Title, t.ArtistName,
                License = new LicenseRef(t.License!.Code, t.License.Name, t.License.Url),
                Owner = new UploaderRef(t.UploaderId, t.Uploader!.DisplayName, t.Uploader.ArtistSlug),
            })
            .ToDictionaryAsync(t => t.Id, cancellationToken);
        var removed = (await catalog.DeletedButKnown(viewer).Where(t => seenIds.Contains(t.Id)).Select(t => t.Id).ToListAsync(cancellationToken))
            .ToHashSet();
        Seen TrackSeen(int id) => tracks.ContainsKey(id) ? Seen.Visible : removed.Contains(id) ? Seen.Removed : Seen.Private;

        var places = plan.TrackLayers.Select(t => (IsStem: false, Id: t.Key, Layer: t.Value))
            .Concat(keptStems.Select(s => (IsStem: true, Id: s.Key, Layer: s.Value)))
            .OrderBy(p => Math.Abs(p.Layer)).ThenBy(p => p.Layer).ThenBy(p => p.IsStem).ThenBy(p => p.Id);
        var trackNodes = new Dictionary<int, LineageNode>();
        var stemNodes = new Dictionary<int, LineageNode>();
        var nodes = new List<LineageNode>();
        var masked = 0;
        foreach (var (isStem, id, layer) in places)
        {
            LineageNode node;
            if (!isStem)
            {
                var seen = TrackSeen(id);
                node = seen == Seen.Visible && tracks[id] is var t
                    ? new LineageNode($"track-{id}", LineageNames.Track, Math.Abs(layer), layer, t.Title)
                    {
                        Id = id, Title = t.Title, Artist = t.ArtistName, Owner = t.Owner, License = t.License,
                    }
                    : Mask(++masked, layer, seen);
                trackNodes[id] = node;
            }
            else
            {
                var known = stems.TryGetValue(id, out var s);
                node = known && visibleStems.Contains(id)
                    ? new LineageNode($"stem-{id}", LineageNames.Stem, Math.Abs(layer), layer, s!.Name)
                    {
                        Id = id, Title = s.Name, Artist = s.ArtistName, Owner = s.Owner, License = s.License, TrackId = s.TrackId,
                        Instrument = s.Instrument, Rights = s.Rights,
                    }
                    : Mask(++masked, layer, known && TrackSeen(s!.TrackId) != Seen.Private ? Seen.Removed : Seen.Private);
                stemNodes[id] = node;
            }
            nodes.Add(node);
        }

        var edges = new List<LineageEdge>();
        foreach (var r in relations.OrderBy(r => r.Id))
        {
            edges.Add(Edge(trackNodes[r.OriginalId], trackNodes[r.DerivativeId], LineageNames.Of(r.Kind), r.Id));
        }
        foreach (var stemId in stemIds.Order())
        {
            var sourceTrack = stems.TryGetValue(stemId, out var s) ? s.TrackId : 0;
            if (trackNodes.TryGetValue(sourceTrack, out var source))
            {
                edges.Add(Edge(source, stemNodes[stemId], LineageNames.StemOf, null));
            }
        }
        foreach (var use in uses.Where(u => stemNodes.ContainsKey(u.StemId)).OrderBy(u => u.Id))
        {
            edges.Add(Edge(stemNodes[use.StemId], trackNodes[use.UserTrackId], LineageNames.UsesStem, use.Id));
        }
        var graph = new LineageGraph(plan.Root, plan.Depth, nodes, edges, omitted, plan.Deeper);
        return new BuiltLineage(graph, trackNodes, stemNodes);
    }

    private static LineageNode Mask(int number, int layer, Seen seen) =>
        new($"masked-{number}", LineageNames.Masked, Math.Abs(layer), layer,
            seen == Seen.Removed ? LineageNames.RemovedWork : LineageNames.PrivateWork);

    /// <summary>An edge names its registered link only between two works the viewer may see.</summary>
    private static LineageEdge Edge(LineageNode from, LineageNode to, string kind, int? linkId) =>
        new(from.Key, to.Key, kind, from.IsMasked || to.IsMasked ? null : linkId);
}
