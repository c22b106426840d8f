using Microsoft.EntityFrameworkCore;
using MusicSite.Catalog;
using MusicSite.Common;
using MusicSite.Data;

namespace MusicSite.Attribution;

/// <summary>A stem a track uses, beside the track it comes from (either may be masked).</summary>
public sealed record UsedStem(LineageNode Stem, LineageNode Track);

/// <summary>The original work a stem belongs to, and what that work is built on in turn.</summary>
public sealed record StemAttribution(LineageNode Stem, LineageNode Track, LineageGraph BasedOn);

/// <summary>A track's credits as its JSON carries them: every original and stem it builds on, at any generation up to
/// <see cref="Lineage.MaxDepth"/>, and the links between them.</summary>
public sealed record TrackCredits(IReadOnlyList<LineageNode> BasedOn, IReadOnlyList<LineageEdge> Links, int Omitted, bool Deeper);

/// <summary>
/// Reading the lineage for one viewer: a track's originals (attribution), its derivatives, the graph both ways with
/// stems as leaves, and the stem-side views. Only approved links count. Each answer costs a fixed number of queries
/// (one recursive walk, then the nodes and edges of everything found), and is capped at <see cref="MaxNodes"/>.
/// Answers are null when the asked track or stem is not visible to the viewer.
/// </summary>
public sealed class Lineage(MusicSiteDbContext db, TrackCatalog catalog, StemCatalog stems)
{
    private readonly LineageWalk walk = new(db);
    private readonly LineageNodes nodes = new(db, catalog, stems);

    /// <summary>The most generations one answer walks.</summary>
    public const int MaxDepth = 10;
    /// <summary>The most nodes one answer carries; the rest are counted in <see cref="LineageGraph.Omitted"/>.</summary>
    public const int MaxNodes = 500;
    /// <summary>Remixes lists the direct derivatives unless more are asked for.</summary>
    public const int DefaultRemixDepth = 1;
    /// <summary>The relationships graph shows this many generations each way unless asked.</summary>
    public const int DefaultGenerations = 3;

    /// <summary>The one rule for a depth in a query string: absent is <paramref name="fallback"/>, else a whole
    /// number from 1 to <see cref="MaxDepth"/>, or a field error.</summary>
    public static int ParseDepth(string? text, int fallback, string field, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }
        if (!int.TryParse(text.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var depth)
            || depth < 1 || depth > MaxDepth)
        {
            errors.Add(field, $"{field} must be a whole number from 1 to {MaxDepth}.");
            return fallback;
        }
        return depth;
    }

    /// <summary>The track's originals and theirs, with generation numbers (1 = a direct original), and the stems used
    /// along the way.</summary>
    public async Task<LineageGraph?> AttributionAsync(int trackId, Viewer viewer, int maxDepth, CancellationToken cancellationToken)
    {
        if (!await TrackVisibleAsync(trackId, viewer, cancellationToken))
        {
            return null;
        }
        var depth = Math.Clamp(maxDepth, 1, MaxDepth);
        var (layers, omitted, deeper) = Place(depth, (await walk.UpAsync(trackId, depth + 1, cancellationToken), -1));
        return (await nodes.BuildAsync(new LineagePlan(TrackKey(trackId), depth, layers, NoStems, true, omitted, deeper), viewer,
            cancellationToken)).Graph;
    }

    /// <summary>The track's derivatives and theirs, <paramref name="depth"/> generations on (1 = the direct ones).</summary>
    public async Task<LineageGraph?> DerivativesAsync(int trackId, Viewer viewer, int depth, CancellationToken cancellationToken)
    {
        if (!await TrackVisibleAsync(trackId, viewer, cancellationToken))
        {
            return null;
        }
        depth = Math.Clamp(depth, 1, MaxDepth);
        var (layers, omitted, deeper) = Place(depth, (await walk.DownAsync(trackId, depth + 1, cancellationToken), 1));
        return (await nodes.BuildAsync(new LineagePlan(TrackKey(trackId), depth, layers, NoStems, false, omitted, deeper), viewer,
            cancellationToken)).Graph;
    }

    /// <summary>Both directions, <paramref name="generations"/> each way, with the stems the shown tracks use and the
    /// track's own stems as leaves.</summary>
    public async Task<LineageGraph?> GraphAsync(int trackId, Viewer viewer, int generations, CancellationToken cancellationToken)
    {
        if (!await TrackVisibleAsync(trackId, viewer, cancellationToken))
        {
            return null;
        }
        var depth = Math.Clamp(generations, 1, MaxDepth);
        var up = await walk.UpAsync(trackId, depth + 1, cancellationToken);
        var down = await walk.DownAsync(trackId, depth + 1, cancellationToken);
        var (layers, omitted, deeper) = Place(depth, (up, -1), (down, 1));
        var own = await stems.Visible(viewer).Where(s => s.TrackId == trackId).OrderBy(s => s.Id).Select(s => s.Id)
            .ToListAsync(cancellationToken);
        return (await nodes.BuildAsync(new LineagePlan(TrackKey(trackId), depth, layers, own.ToDictionary(id => id, _ => 0), true,
            omitted, deeper), viewer, cancellationToken)).Graph;
    }

    /// <summary>The tracks using a stem (generation 1) and their derivatives on to <paramref name="depth"/>.</summary>
    public async Task<LineageGraph?> StemUsageAsync(int stemId, Viewer viewer, int depth, CancellationToken cancellationToken)
    {
        if (!await stems.Visible(viewer).AnyAsync(s => s.Id == stemId, cancellationToken))
        {
            return null;
        }
        depth = Math.Clamp(depth, 1, MaxDepth);
        var (layers, omitted, deeper) = Place(depth, (await walk.DownFromStemAsync(stemId, depth + 1, cancellationToken), 1));
        return (await nodes.BuildAsync(new LineagePlan($"stem-{stemId}", depth, layers, new Dictionary<int, int> { [stemId] = 0 }, false,
            omitted, deeper), viewer, cancellationToken)).Graph;
    }

    /// <summary>The stems a track uses (approved uses), each with its source track.</summary>
    public async Task<IReadOnlyList<UsedStem>?> StemSourcesAsync(int trackId, Viewer viewer, CancellationToken cancellationToken)
    {
        if (!await TrackVisibleAsync(trackId, viewer, cancellationToken))
        {
            return null;
        }
        var used = await db.StemUsages.AsNoTracking().Where(u => u.TrackId == trackId && u.Status == LinkStatus.Approved)
            .OrderBy(u => u.Id).Select(u => new { u.StemId, SourceTrackId = u.Stem!.TrackId }).ToListAsync(cancellationToken);
        var layers = used.Select(u => u.SourceTrackId).Where(id => id != trackId).Distinct().Take(MaxNodes - 1)
            .ToDictionary(id => id, _ => -1);
        layers[trackId] = 0;
        var built = await nodes.BuildAsync(new LineagePlan(TrackKey(trackId), 1, layers, NoStems, false, 0, false), viewer,
            cancellationToken);
        return used.Where(u => built.Stems.ContainsKey(u.StemId) && built.Tracks.ContainsKey(u.SourceTrackId))
            .Select(u => new UsedStem(built.Stems[u.StemId], built.Tracks[u.SourceTrackId])).ToList();
    }

    /// <summary>The track a visible stem belongs to, and that track's own originals.</summary>
    public async Task<StemAttribution?> StemAttributionAsync(int stemId, Viewer viewer, CancellationToken cancellationToken)
    {
        var trackId = await stems.Visible(viewer).Where(s => s.Id == stemId).Select(s => (int?)s.TrackId).FirstOrDefaultAsync(cancellationToken);
        if (trackId is not { } sourceId)
        {
            return null;
        }
        var built = await nodes.BuildAsync(new LineagePlan($"stem-{stemId}", 1, new Dictionary<int, int> { [sourceId] = 0 },
            new Dictionary<int, int> { [stemId] = 0 }, false, 0, false), viewer, cancellationToken);
        var basedOn = await AttributionAsync(sourceId, viewer, MaxDepth, cancellationToken);
        return new StemAttribution(built.Stems[stemId], built.Tracks[sourceId], basedOn!);
    }

    /// <summary>What a track's JSON credits: everything it builds on, <see cref="MaxDepth"/> generations back.</summary>
    public async Task<TrackCredits?> CreditsAsync(int trackId, Viewer viewer, CancellationToken cancellationToken) =>
        await AttributionAsync(trackId, viewer, MaxDepth, cancellationToken) is { } graph
            ? new TrackCredits(graph.Nodes.Where(n => n.Key != graph.Root).ToList(), graph.Edges, graph.Omitted, graph.Deeper)
            : null;

    private static readonly IReadOnlyDictionary<int, int> NoStems = new Dictionary<int, int>();

    private static string TrackKey(int trackId) => $"track-{trackId}";

    private Task<bool> TrackVisibleAsync(int trackId, Viewer viewer, CancellationToken cancellationToken) =>
        catalog.Visible(viewer).AnyAsync(t => t.Id == trackId, cancellationToken);

    /// <summary>Layers of the walked tracks (generation times the walk's direction), nearest first, at most
    /// <see cref="MaxNodes"/>; whether a walk found more beyond <paramref name="depth"/> (it walks one further to know).</summary>
    private static (Dictionary<int, int> Layers, int Omitted, bool Deeper) Place(int depth, params (List<WalkStep> Steps, int Sign)[] walks)
    {
        var deeper = walks.Any(w => w.Steps.Any(s => s.Generation > depth));
        var placed = walks.SelectMany(w => w.Steps.Where(s => s.Generation <= depth).Select(s => (s.TrackId, Layer: s.Generation * w.Sign)))
            .DistinctBy(p => p.TrackId)
            .OrderBy(p => Math.Abs(p.Layer)).ThenBy(p => p.TrackId)
            .ToList();
        var kept = placed.Take(MaxNodes).ToDictionary(p => p.TrackId, p => p.Layer);
        return (kept, placed.Count - kept.Count, deeper);
    }
}
