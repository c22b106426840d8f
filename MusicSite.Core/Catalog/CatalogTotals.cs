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
            // One read of at most cap + 1 rows gives the total and the tracks the facets are counted over.
            var sample = await SampleAsync(matching, cancellationToken);
            return (sample.Total, await FacetsAsync(sample, cancellationToken));
        }

        // The viewer's unlisted tracks are the matching ones that are not public (matching is already ready and
        // not deleted): none for an anonymous viewer.
        var unlisted = viewer.UserId is null && !viewer.IsAdmin ? Sample.None : await SampleAsync(matching.Where(t => !t.IsPublic), cancellationToken);
        var listed = await counters.SumAsync(counted.Value.Kind, counted.Value.Keys, cancellationToken);
        var total = unlisted.Total.Exact ? new CatalogTotal(listed + unlisted.Total.Count, true) : new CatalogTotal(Cap, false);
        if (counted.Value.Kind == CounterKind.All && unlisted.Total.Exact)
        {
            return (total, await CounterFacetsAsync(unlisted, cancellationToken));
        }
        // The facets are exact only when the sample is every matching track (its own count is under the cap).
        var sampled = total.Exact && total.Count == 0 ? Sample.None : await SampleAsync(matching, cancellationToken);
        return (total, await FacetsAsync(sampled, cancellationToken));
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

    /// <summary>At most cap + 1 of the tracks, unordered: the exact count up to the cap, else the cap, not exact;
    /// and the first cap of them with their BPM, for the facets.</summary>
    private async Task<Sample> SampleAsync(IQueryable<Track> tracks, CancellationToken cancellationToken)
    {
        var rows = await tracks.Select(t => new SampleRow(t.Id, t.Bpm)).Take(Cap + 1).ToListAsync(cancellationToken);
        return rows.Count > Cap
            ? new Sample(new CatalogTotal(Cap, false), rows.Take(Cap).ToList())
            : new Sample(new CatalogTotal(rows.Count, true), rows);
    }

    /// <summary>The whole listed catalog's facets from the counters, plus the viewer's unlisted tracks.</summary>
    private async Task<TrackFacets> CounterFacetsAsync(Sample unlisted, CancellationToken cancellationToken)
    {
        var bpm = (await counters.OfKindAsync(CounterKind.Bpm, cancellationToken)).ToDictionary();
        var top = (await counters.TopGenresAsync(FacetGenres, cancellationToken)).ToDictionary(g => g.Id);
        if (unlisted.Rows.Count > 0)
        {
            // Adding the viewer's tracks can lift a genre into the top only if it is one of theirs: the top of the
            // counters plus the viewer's genres hold the whole merged top.
            var listed = await counters.OfKindAsync(CounterKind.Genre, cancellationToken);
            foreach (var tally in await GenreTalliesAsync(unlisted.Rows, cancellationToken))
            {
                tally.Count += listed.GetValueOrDefault(tally.Id);
                top[tally.Id] = tally;
            }
            foreach (var (bucket, count) in BpmTallies(unlisted.Rows))
            {
                bpm[bucket] = bpm.GetValueOrDefault(bucket) + count;
            }
        }
        return new TrackFacets(GenreFacets(top.Values), BpmFacets(bpm));
    }

    /// <summary>Facets counted over the sample: exact when the total is (then the sample is all of the tracks).</summary>
    private async Task<TrackFacets> FacetsAsync(Sample sample, CancellationToken cancellationToken) =>
        sample.Rows.Count == 0
            ? TrackFacets.None
            : new TrackFacets(GenreFacets(await GenreTalliesAsync(sample.Rows, cancellationToken)), BpmFacets(BpmTallies(sample.Rows)),
                sample.Total.Exact, sample.Total.Exact ? null : sample.Rows.Count);

    /// <summary>Per genre, the tracks tagged with it or a genre below it, each counted once: one keyed read of the
    /// tracks' links and the genres above them.</summary>
    private async Task<List<GenreTally>> GenreTalliesAsync(IReadOnlyList<SampleRow> rows, CancellationToken cancellationToken)
    {
        var ids = rows.Select(r => r.Id).ToList();
        var pairs = db.TrackGenres.Where(l => ids.Contains(l.TrackId))
            .Join(db.GenreClosure, l => l.GenreId, c => c.DescendantId, (l, c) => new { l.TrackId, c.AncestorId })
            .Distinct();
        return await pairs.GroupBy(p => p.AncestorId).Select(g => new { Id = g.Key, Count = g.Count() })
            .Join(db.Genres, g => g.Id, genre => genre.Id, (g, genre) => new GenreTally { Id = g.Id, Name = genre.Name, Slug = genre.Slug, Count = g.Count })
            .ToListAsync(cancellationToken);
    }

    private static Dictionary<int, int> BpmTallies(IEnumerable<SampleRow> rows) =>
        rows.Where(r => r.Bpm is not null).GroupBy(r => BpmBuckets.Of(r.Bpm!.Value).Index).ToDictionary(g => g.Key, g => g.Count());

    private static List<FacetCount> GenreFacets(IEnumerable<GenreTally> tallies) =>
        tallies.Where(g => g.Count > 0).OrderByDescending(g => g.Count).ThenBy(g => g.Name, StringComparer.Ordinal).Take(FacetGenres)
            .Select(g => new FacetCount(g.Name, g.Count, "genre", g.Slug)).ToList();

    private static List<FacetCount> BpmFacets(IReadOnlyDictionary<int, int> counts) =>
        BpmBuckets.All.Where(b => counts.GetValueOrDefault(b.Index) > 0).Select(b => b.Facet(counts[b.Index])).ToList();

    private sealed record SampleRow(int Id, int? Bpm);

    private sealed record Sample(CatalogTotal Total, IReadOnlyList<SampleRow> Rows)
    {
        public static readonly Sample None = new(new CatalogTotal(0, true), []);
    }
}
