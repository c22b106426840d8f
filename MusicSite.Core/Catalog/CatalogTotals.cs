using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MusicSite.Data;

namespace MusicSite.Catalog;

/// <summary>Settings of the catalog's totals (section "CatalogTotals").</summary>
public sealed class CatalogTotalsOptions
{
    public const string SectionName = "CatalogTotals";

    /// <summary>The most tracks a list counts one by one: past it the total shows as "1,000+" and the facets are
    /// counted among that many tracks.</summary>
    public int Cap { get; set; } = 1000;
}

/// <summary>A list's total: exact, or at least <see cref="Count"/> (the cap) when <see cref="Exact"/> is false.</summary>
public sealed record CatalogTotal(int Count, bool Exact)
{
    /// <summary>"1 track", "12,345 tracks", "1,000+ tracks".</summary>
    public string InWords => Exact
        ? (Count == 1 ? "1 track" : $"{Count.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} tracks")
        : $"{Count.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)}+ tracks";
}

/// <summary>
/// The one owner of a catalog list's total and facets, so that neither costs more than a bounded read. The listed
/// catalog (unfiltered, or narrowed only by one genre, one license or one BPM bucket) is answered by the counters the
/// database keeps (<see cref="CatalogCounters"/>), plus the viewer's own unlisted tracks (an admin's: every unlisted
/// one), counted up to the cap. Any other list is counted up to the cap; past it the total is the cap, marked not
/// exact ("1,000+"). Facets come from the counters for the whole listed catalog, otherwise from at most cap matching
/// tracks: exact when that is all of them, else marked as counted among that many.
/// </summary>
public sealed class CatalogTotals(MusicSiteDbContext db, CatalogCounters counters, IOptions<CatalogTotalsOptions> options)
{
    private const int FacetGenres = 12;

    private int Cap => Math.Max(1, options.Value.Cap);

    /// <summary>The total and facets of <paramref name="matching"/>: the tracks <paramref name="query"/> selects for
    /// <paramref name="viewer"/> (visible, ready, not deleted). <paramref name="genreId"/> is the genre its genre
    /// filter named (null for none or an unknown one).</summary>
    public async Task<(CatalogTotal Total, TrackFacets Facets)> CountAsync(TrackQuery query, Viewer viewer, IQueryable<Track> matching,
        int? genreId, CancellationToken cancellationToken)
    {
        if (query.Genre is not null && genreId is null)
        {
            return (new CatalogTotal(0, true), TrackFacets.None); // an unknown genre matches nothing
        }
        var counted = await CountedAsync(query, genreId, cancellationToken);
        if (counted is null)
        {
            var total = await CappedAsync(matching, cancellationToken);
            return (total, await SampledFacetsAsync(matching, total, cancellationToken));
        }

        // The viewer's unlisted tracks are the matching ones that are not public (matching is already ready and
        // not deleted): none for an anonymous viewer.
        var unlisted = viewer.UserId is null && !viewer.IsAdmin ? null : matching.Where(t => !t.IsPublic);
        var extra = unlisted is null ? new CatalogTotal(0, true) : await CappedAsync(unlisted, cancellationToken);
        var listed = await counters.SumAsync(counted.Value.Kind, counted.Value.Keys, cancellationToken);
        var sum = new CatalogTotal(extra.Exact ? listed + extra.Count : Cap, extra.Exact);
        if (counted.Value.Kind != CounterKind.All || !extra.Exact)
        {
            return (sum, await SampledFacetsAsync(matching, sum, cancellationToken));
        }
        return (sum, await CounterFacetsAsync(extra.Count == 0 ? null : unlisted, cancellationToken));
    }

    /// <summary>The counters that answer the query exactly, if any do: no search, and at most one of a genre, a
    /// license or a BPM bucket.</summary>
    private async Task<(CounterKind Kind, IReadOnlyCollection<int> Keys)?> CountedAsync(TrackQuery query, int? genreId,
        CancellationToken cancellationToken)
    {
        if (CatalogSearch.Terms(query.Search).Count > 0 || query.Artist is not null || query.Tags.Count > 0
            || query.MinDuration is not null || query.MaxDuration is not null || query.Duration is not null
            || query.Key is not null || query.UploaderId is not null)
        {
            return null;
        }
        var bucket = BpmBuckets.Selected(query.BpmMin, query.BpmMax);
        var bpmFiltered = query.BpmMin is not null || query.BpmMax is not null;
        var narrowings = (genreId is null ? 0 : 1) + (query.License is null ? 0 : 1) + (bpmFiltered ? 1 : 0);
        if (narrowings > 1 || (bpmFiltered && bucket is null))
        {
            return null;
        }
        if (genreId is { } genre)
        {
            return (CounterKind.Genre, [genre]);
        }
        if (bucket is not null)
        {
            return (CounterKind.Bpm, [bucket.Index]);
        }
        if (query.License is { } license)
        {
            // The same match as the list's filter: the code, or the name in any letter case.
            var code = license.ToLowerInvariant();
            var ids = await db.Licenses.AsNoTracking().Where(l => l.Code == code || l.Name.ToLower() == code)
                .Select(l => l.Id).ToListAsync(cancellationToken);
            return (CounterKind.License, ids);
        }
        return (CounterKind.All, [0]);
    }

    /// <summary>Counts at most cap + 1 rows: the exact count up to the cap, else the cap, not exact.</summary>
    private async Task<CatalogTotal> CappedAsync(IQueryable<Track> tracks, CancellationToken cancellationToken)
    {
        var count = await tracks.Select(t => t.Id).Take(Cap + 1).CountAsync(cancellationToken);
        return count > Cap ? new CatalogTotal(Cap, false) : new CatalogTotal(count, true);
    }

    /// <summary>The whole listed catalog's facets from the counters, plus the viewer's unlisted tracks (at most cap).</summary>
    private async Task<TrackFacets> CounterFacetsAsync(IQueryable<Track>? unlisted, CancellationToken cancellationToken)
    {
        var bpm = (await counters.OfKindAsync(CounterKind.Bpm, cancellationToken)).ToDictionary();
        if (unlisted is null)
        {
            return new TrackFacets(GenreFacets(await counters.TopGenresAsync(FacetGenres, cancellationToken)), BpmFacets(bpm));
        }
        // Adding the viewer's tracks can lift a genre into the top only if it is one of theirs: the top of the
        // counters plus the viewer's genres hold the whole merged top.
        var own = await GenreTalliesAsync(unlisted, cancellationToken);
        var top = (await counters.TopGenresAsync(FacetGenres, cancellationToken)).ToDictionary(g => g.Id);
        var listed = await counters.OfKindAsync(CounterKind.Genre, cancellationToken);
        foreach (var tally in own)
        {
            tally.Count += listed.GetValueOrDefault(tally.Id);
            top[tally.Id] = tally;
        }
        foreach (var (bucket, count) in await BpmTalliesAsync(unlisted, cancellationToken))
        {
            bpm[bucket] = bpm.GetValueOrDefault(bucket) + count;
        }
        return new TrackFacets(GenreFacets(top.Values), BpmFacets(bpm));
    }

    /// <summary>Facets counted over at most cap of the matching tracks: exact when the total is (then that is all of them).</summary>
    private async Task<TrackFacets> SampledFacetsAsync(IQueryable<Track> matching, CatalogTotal total, CancellationToken cancellationToken)
    {
        if (total.Count == 0)
        {
            return TrackFacets.None;
        }
        var sample = matching.Take(Cap);
        return new TrackFacets(GenreFacets(await GenreTalliesAsync(sample, cancellationToken)),
            BpmFacets(await BpmTalliesAsync(sample, cancellationToken)), total.Exact, total.Exact ? null : Cap);
    }

    /// <summary>Per genre, the tracks tagged with it or a genre below it, each counted once.</summary>
    private async Task<List<GenreTally>> GenreTalliesAsync(IQueryable<Track> tracks, CancellationToken cancellationToken)
    {
        var ids = tracks.Select(t => t.Id);
        var pairs = db.TrackGenres.Where(l => ids.Contains(l.TrackId))
            .Join(db.GenreClosure, l => l.GenreId, c => c.DescendantId, (l, c) => new { l.TrackId, c.AncestorId })
            .Distinct();
        return await pairs.GroupBy(p => p.AncestorId).Select(g => new { Id = g.Key, Count = g.Count() })
            .Join(db.Genres, g => g.Id, genre => genre.Id, (g, genre) => new GenreTally { Id = g.Id, Name = genre.Name, Slug = genre.Slug, Count = g.Count })
            .ToListAsync(cancellationToken);
    }

    private static async Task<Dictionary<int, int>> BpmTalliesAsync(IQueryable<Track> tracks, CancellationToken cancellationToken) =>
        await tracks.Where(t => t.Bpm != null)
            .GroupBy(t => t.Bpm < 90 ? 0 : t.Bpm < 110 ? 1 : t.Bpm < 130 ? 2 : t.Bpm < 150 ? 3 : 4)
            .Select(g => new { Bucket = g.Key, Count = g.Count() })
            .ToDictionaryAsync(b => b.Bucket, b => b.Count, cancellationToken);

    private static List<FacetCount> GenreFacets(IEnumerable<GenreTally> tallies) =>
        tallies.Where(g => g.Count > 0).OrderByDescending(g => g.Count).ThenBy(g => g.Name, StringComparer.Ordinal).Take(FacetGenres)
            .Select(g => new FacetCount(g.Name, g.Count, "genre", g.Slug)).ToList();

    private static List<FacetCount> BpmFacets(IReadOnlyDictionary<int, int> counts) =>
        BpmBuckets.All.Where(b => counts.GetValueOrDefault(b.Index) > 0).Select(b => b.Facet(counts[b.Index])).ToList();
}
