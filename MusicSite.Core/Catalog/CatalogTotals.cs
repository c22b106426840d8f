using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MusicSite.Data;
using MusicSite.Common;

namespace MusicSite.Catalog;

/// <summary>Settings of the catalog's totals (section "CatalogTotals").</summary>
public sealed class CatalogTotalsOptions
{
    public const string SectionName = "CatalogTotals";

    /// <summary>The most tracks a list counts one by one: past it the total shows as "1,000+" and the facets are
    /// counted among that many tracks.</summary>
    public int Cap { get; set; } = 1000;

    /// <summary>Scales the choice between gathering a genre's or license's matches and walking a sort index
    /// (<see cref="Narrowing.PlanFor"/>): 1 weighs a row of either as equal; 0 always walks, a huge value always gathers.</summary>
    public double WalkFactor { get; set; } = 1;
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
/// exact ("1,000+"). Facets come from the counters for the whole listed catalog and for one genre (the counters kept
/// within each genre), otherwise from at most cap matching tracks: exact when that is all of them, else marked as
/// counted among that many.
/// </summary>
public sealed class CatalogTotals(MusicSiteDbContext db, CatalogCounters counters, Genres.GenreDirectory genres, ShowcaseCache cache,
    IOptions<CatalogTotalsOptions> options)
{
    private const int FacetGenres = 12;

    private int Cap => Math.Max(1, options.Value.Cap);

    /// <summary>The query's genre (<paramref name="genreId"/>, null for none) and license filters resolved, with the
    /// listed tracks each selects, for the choice of plan; null when they match nothing (an unknown genre).</summary>
    internal async Task<Narrowing> NarrowingAsync(TrackQuery query, int? genreId, bool listedOnly, CancellationToken cancellationToken)
    {
        var licenses = query.License is null ? null : await LicenseIdsAsync(query.License, cancellationToken);
        var listed = await counters.SumAsync(CounterKind.All, [0], cancellationToken);
        var genreCount = genreId is { } genre ? await counters.SumAsync(CounterKind.Genre, [genre], cancellationToken) : 0;
        var licenseCount = licenses is null ? 0 : await counters.SumAsync(CounterKind.License, licenses, cancellationToken);
        ArtistFilter? artist = null;
        if (query.Artist is { } name)
        {
            // Part of the name, in any letter case: "marlow" finds "Marlow Kid" (SQLite's LIKE ignores ASCII case).
            var pattern = QueryValues.ContainsPattern(name);
            // The listed names are all a viewer who sees only listed tracks can find; anyone else may also find their
            // own unlisted tracks under a name no listed track has, so their filter tests each track.
            (string? NamesJson, int Tracks) names = listedOnly
                ? await counters.ArtistNamesLikeAsync(pattern, QueryValues.LikeEscape, cancellationToken)
                : (null, listed);
            artist = new ArtistFilter(pattern, names.NamesJson, names.Tracks);
        }
        return new Narrowing(genreId, genreCount, licenses, licenseCount, listed, options.Value.WalkFactor) { Artist = artist };
    }

    /// <summary>The licenses a filter names: the code, or the name in any letter case.</summary>
    private async Task<IReadOnlyList<int>> LicenseIdsAsync(string license, CancellationToken cancellationToken)
    {
        var code = license.ToLowerInvariant();
        return await db.Licenses.AsNoTracking().Where(l => l.Code == code || l.Name.ToLower() == code)
            .Select(l => l.Id).ToListAsync(cancellationToken);
    }

    /// <summary>The total and facets of the tracks <paramref name="query"/> selects for <paramref name="viewer"/>:
    /// <paramref name="filtered"/> (visible, ready, not deleted, every filter but genre and license applied) narrowed
    /// by <paramref name="narrowing"/>. <paramref name="genreNamed"/>: the query named a genre that exists.
    /// <paramref name="listedOnly"/>: the viewer sees the listed tracks only (<see cref="TrackCatalog.SeesListedOnlyAsync"/>),
    /// so the answer is everyone's with the same filters, and is kept briefly (<see cref="ShowcaseCache"/>, decision
    /// 0050): the sort, the page and the cursor do not change it, and any content change drops it.</summary>
    internal async Task<(CatalogTotal Total, TrackFacets Facets)> CountAsync(TrackQuery query, Viewer viewer, IQueryable<Track> filtered,
        Narrowing narrowing, bool genreNamed, bool listedOnly, CancellationToken cancellationToken)
    {
        if (Kept(query, narrowing, genreNamed, listedOnly) is { } known)
        {
            return known;
        }
        if (!listedOnly)
        {
            return await CountNowAsync(query, viewer, filtered, narrowing, false, cancellationToken);
        }
        var kept = await cache.GetAsync(KeyOf(query, narrowing), ShowcaseCache.ListLifetime, async () =>
        {
            var (total, facets) = await CountNowAsync(query, viewer, filtered, narrowing, true, cancellationToken);
            return new KeptCount(total, facets);
        });
        return (kept.Total, kept.Facets);
    }

    private sealed record KeptCount(CatalogTotal Total, TrackFacets Facets);

    /// <summary>What <see cref="CountAsync"/> answers without reading the database (an unknown genre, or a kept
    /// answer); null when it would count.</summary>
    internal (CatalogTotal Total, TrackFacets Facets)? Kept(TrackQuery query, Narrowing narrowing, bool genreNamed, bool listedOnly)
    {
        if (query.Genre is not null && !genreNamed)
        {
            return (new CatalogTotal(0, true), TrackFacets.None); // an unknown genre matches nothing
        }
        return listedOnly && cache.TryGet<KeptCount>(KeyOf(query, narrowing)) is { } kept ? (kept.Total, kept.Facets) : null;
    }

    /// <summary>Whether <see cref="CountAsync"/> reads the counters alone for this list, sampling no track: the whole
    /// listed catalog or one genre, for a viewer who sees the listed tracks only.</summary>
    internal static bool FromCountersAlone(TrackQuery query, Narrowing narrowing, bool listedOnly) =>
        listedOnly && Counted(query, narrowing) is { Kind: CounterKind.All or CounterKind.Genre };

    /// <summary>The cache key of the filters that decide which listed tracks match: everything but the sort, the
    /// page and the cursor. The genre is its resolved id (a name and a slug are the same list); JSON keeps any text
    /// in the values from running into the next one.</summary>
    private string KeyOf(TrackQuery query, Narrowing narrowing) =>
        "totals:" + System.Text.Json.JsonSerializer.Serialize(new object?[]
        {
            CatalogSearch.Terms(query.Search), query.Artist, narrowing.GenreId, query.Tags, query.MinDuration, query.MaxDuration,
            query.Duration?.FromSeconds, query.Duration?.ToSeconds, query.BpmMin, query.BpmMax, query.Key, narrowing.LicenseIds,
            query.UploaderId, Cap,
        });

    private async Task<(CatalogTotal Total, TrackFacets Facets)> CountNowAsync(TrackQuery query, Viewer viewer, IQueryable<Track> filtered,
        Narrowing narrowing, bool listedOnly, CancellationToken cancellationToken)
    {
        var rows = Cap + 1;
        var matching = narrowing.Apply(filtered, db, rows);
        // Unless a filter gathers its few matches by its own index (or the full-text index finds them), the sample
        // reads the table in key order: neighbouring rows share pages, where a list index's order jumps around.
        var inKeyOrder = !narrowing.Gathers(rows) && CatalogSearch.Terms(query.Search).Count == 0 && query.UploaderId is null;
        var counted = Counted(query, narrowing);
        if (counted is null)
        {
            // One read of at most cap + 1 rows gives the total and the tracks the facets are counted over.
            var sample = await SampleAsync(matching, inKeyOrder, cancellationToken);
            return (sample.Total, await FacetsAsync(sample, cancellationToken));
        }

        // The viewer's unlisted tracks are the matching ones that are not public (matching is already ready and
        // not deleted): none for a viewer who sees the listed tracks only (anonymous, or with no unlisted track).
        var unlisted = listedOnly ? Sample.None : await SampleAsync(matching.Where(t => !t.IsPublic), false, cancellationToken);
        var listed = await counters.SumAsync(counted.Value.Kind, counted.Value.Keys, cancellationToken);
        var total = unlisted.Total.Exact ? new CatalogTotal(listed + unlisted.Total.Count, true) : new CatalogTotal(Cap, false);
        if (counted.Value.Kind is CounterKind.All or CounterKind.Genre && unlisted.Total.Exact)
        {
            int? withinGenre = counted.Value.Kind == CounterKind.Genre ? counted.Value.Keys.Single() : null;
            return (total, await CounterFacetsAsync(unlisted, withinGenre, cancellationToken));
        }
        // The facets are exact only when the sample is every matching track (its own count is under the cap).
        var sampled = total.Exact && total.Count == 0 ? Sample.None : await SampleAsync(matching, inKeyOrder, cancellationToken);
        return (total, await FacetsAsync(sampled, cancellationToken));
    }

    /// <summary>The counters that answer the query exactly, if any do: no search, and at most one of a genre, a
    /// license or a BPM bucket.</summary>
    private static (CounterKind Kind, IReadOnlyCollection<int> Keys)? Counted(TrackQuery query, Narrowing narrowing)
    {
        if (CatalogSearch.Terms(query.Search).Count > 0 || query.Artist is not null || query.Tags.Count > 0
            || query.MinDuration is not null || query.MaxDuration is not null || query.Duration is not null
            || query.Key is not null || query.UploaderId is not null)
        {
            return null;
        }
        var bucket = BpmBuckets.Selected(query.BpmMin, query.BpmMax);
        var bpmFiltered = query.BpmMin is not null || query.BpmMax is not null;
        var genreId = narrowing.GenreId;
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
        if (narrowing.LicenseIds is { } licenses)
        {
            return (CounterKind.License, licenses.ToList());
        }
        return (CounterKind.All, [0]);
    }

    /// <summary>At most cap + 1 of the tracks, unordered (or by key, see <see cref="CountAsync"/>): the exact count up to the cap, else the cap, not exact;
    /// and the first cap of them with their BPM, for the facets.</summary>
    private async Task<Sample> SampleAsync(IQueryable<Track> tracks, bool inKeyOrder, CancellationToken cancellationToken)
    {
        var rows = await (inKeyOrder ? tracks.OrderBy(t => t.Id) : tracks).Select(t => new SampleRow(t.Id, t.Bpm)).Take(Cap + 1)
            .ToListAsync(cancellationToken);
        return rows.Count > Cap
            ? new Sample(new CatalogTotal(Cap, false), rows.Take(Cap).ToList())
            : new Sample(new CatalogTotal(rows.Count, true), rows);
    }

    /// <summary>The facets of the whole listed catalog, or of one genre's listed tracks (<paramref name="withinGenre"/>),
    /// from the counters, plus the viewer's unlisted tracks (<paramref name="unlisted"/>: those of the same list).</summary>
    private async Task<TrackFacets> CounterFacetsAsync(Sample unlisted, int? withinGenre, CancellationToken cancellationToken)
    {
        var bpm = (await counters.OfKindAsync(CounterKind.Bpm, cancellationToken, withinGenre)).ToDictionary();
        var top = (await counters.TopGenresAsync(FacetGenres, cancellationToken, withinGenre)).ToDictionary(g => g.Id);
        if (unlisted.Rows.Count > 0)
        {
            // Adding the viewer's tracks can lift a genre into the top only if it is one of theirs: the top of the
            // counters plus the viewer's genres hold the whole merged top.
            var listed = await counters.OfKindAsync(CounterKind.Genre, cancellationToken, withinGenre);
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

    /// <summary>Per genre, the tracks tagged with it or a genre below it, each counted once: the sample's links (by
    /// key), each credited to the genres at or above its genre (<see cref="Genres.GenreDirectory.AtOrAboveAsync"/>),
    /// made distinct per track and counted here; then the names of those counted. (Grouped in SQL, the pairs went
    /// through two temporary B-trees: 11-52 ms for 1,000 tracks. Joined to the closure in SQL, the 1,000 tracks' 4,500
    /// pairs were read row by row: 5 ms of a 21 ms search whose total was not kept, decision 0051.) The ids go in as
    /// one JSON array: a thousand named parameters cost more to bind than the statement takes to run.</summary>
    private async Task<List<GenreTally>> GenreTalliesAsync(IReadOnlyList<SampleRow> rows, CancellationToken cancellationToken)
    {
        var ids = QueryValues.JsonIds(rows.Select(r => r.Id));
        var links = await db.Database.SqlQuery<TrackLink>($"""
            SELECT l."TrackId", l."GenreId" FROM "TrackGenres" l WHERE l."TrackId" IN (SELECT value FROM json_each({ids}))
            """).ToListAsync(cancellationToken);
        var above = await genres.AtOrAboveAsync(cancellationToken);
        var credited = new HashSet<(int Track, int Genre)>();
        foreach (var link in links)
        {
            foreach (var genre in above.TryGetValue(link.GenreId, out var up) ? up : [link.GenreId])
            {
                credited.Add((link.TrackId, genre));
            }
        }
        var counts = credited.CountBy(p => p.Genre).ToDictionary();
        if (counts.Count == 0)
        {
            return [];
        }
        var named = await db.Database.SqlQuery<GenreTally>($"""
            SELECT "Id", "Name", "Slug", 0 AS "Count" FROM "Genres" WHERE "Id" IN (SELECT value FROM json_each({QueryValues.JsonIds(counts.Keys)}))
            """).ToListAsync(cancellationToken);
        foreach (var genre in named)
        {
            genre.Count = counts[genre.Id];
        }
        return named;
    }

    private sealed class TrackLink
    {
        public int TrackId { get; set; }
        public int GenreId { get; set; }
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
