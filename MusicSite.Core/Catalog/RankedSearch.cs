using Microsoft.EntityFrameworkCore;
using MusicSite.Common;
using MusicSite.Data;

namespace MusicSite.Catalog;

/// <summary>
/// Full-text search in relevance order (decision 0049): FTS5 ranks the matches (bm25 with the weights of the index's
/// own rank setting, ties by id, most relevant first = ascending rank and descending id) and the page is read from
/// them. Ranking every match is the cost that remains (bm25 needs each match's positions and column sizes); what this
/// saves is everything around it: the index alone keeps only a window of its best matches (a sorter with a limit),
/// and only the window's rows are then looked up and checked against the viewer and the filters.
/// </summary>
internal static class RankedSearch
{
    /// <summary>Matches of the index beyond the page itself kept in the window: the window is twice the rows up to
    /// the page's end plus this, so that a page is full when at least about half of the best matches may be shown.</summary>
    private const int WindowMargin = 20;

    /// <summary>The widest window: pages deeper than this rank every match the viewer may see, as before.</summary>
    private const int MaxWindow = 2000;

    /// <summary>Ids of the tracks the full-text index finds for every word (as a prefix), unranked.</summary>
    public static IQueryable<int> Hits(MusicSiteDbContext db, IReadOnlyList<string> terms) =>
        db.Database.SqlQuery<int>($"""SELECT rowid AS "Value" FROM "TrackSearch" WHERE "TrackSearch" MATCH {CatalogSearch.MatchExpression(terms)}""");

    /// <summary>The shortest head of the ranking kept per search: a page of 20 needs a window of 60, so the first
    /// four pages share one. Deeper pages keep longer heads, doubling up to <see cref="MaxWindow"/>.</summary>
    private const int KeptHead = 200;

    /// <summary>The page's ids in relevance order among <paramref name="tracks"/> (what the viewer may see and the
    /// filters allow). First from the head of the index's ranking: its best matches, read by the index alone and kept
    /// briefly for everyone (<see cref="ShowcaseCache"/>, decision 0050), since they depend on the words and the
    /// index only. Which of them the viewer may see is checked on every request, by key. The head is the start of the
    /// final order, so when at least the rows up to the page's end pass, or the head held every match, they are
    /// exactly the rows of the full ranking. Otherwise (few of the best matches may be shown, or a deep page) every
    /// match is ranked and joined, in one statement.</summary>
    public static async Task<IReadOnlyList<int>> PageAsync(MusicSiteDbContext db, ShowcaseCache cache, IQueryable<Track> tracks,
        IReadOnlyList<string> terms, TrackQuery query, CancellationToken cancellationToken)
    {
        var offset = Paging.Offset(query.Page, query.Limit);
        var wanted = (long)offset + query.Limit;
        var best = query.EffectiveDescending;
        var window = 2 * wanted + WindowMargin;
        if (window <= MaxWindow)
        {
            var head = await HeadAsync(db, cache, terms, (int)window, best, cancellationToken);
            var candidates = db.Database.SqlQuery<int>($"""SELECT value AS "Value" FROM json_each({QueryValues.JsonIds(head.Ids)})""");
            var shown = (await tracks.Where(t => candidates.Contains(t.Id)).Select(t => t.Id).ToListAsync(cancellationToken)).ToHashSet();
            var rows = head.Ids.Where(shown.Contains).Take((int)wanted).ToList();
            if (rows.Count == wanted || head.Complete)
            {
                return rows.Skip(offset).ToList();
            }
        }
        var ranked = tracks.Join(Ranked(db, terms), t => t.Id, h => h.Rowid, (t, h) => new RankedRow { Id = t.Id, Rank = h.Rank });
        return await Order(ranked, best).Skip(offset).Take(query.Limit).Select(r => r.Id).ToListAsync(cancellationToken);
    }

    /// <summary>The first matches of the ranking in order, at least <paramref name="window"/> of them unless
    /// <see cref="Head.Complete"/> (there are no more).</summary>
    private sealed record Head(IReadOnlyList<int> Ids, bool Complete);

    private static async Task<Head> HeadAsync(MusicSiteDbContext db, ShowcaseCache cache, IReadOnlyList<string> terms, int window, bool best,
        CancellationToken cancellationToken)
    {
        var size = KeptHead;
        while (size < window)
        {
            size = Math.Min(2 * size, MaxWindow);
        }
        var key = $"search-head:{(best ? "best" : "worst")}:{size}:{CatalogSearch.MatchExpression(terms)}";
        return await cache.GetAsync(key, ShowcaseCache.ListLifetime, async () =>
        {
            var hits = await Window(db, terms, size, best).ToListAsync(cancellationToken);
            // Fewer than asked: the window held every match.
            return new Head(hits.Select(h => h.Rowid).ToList(), hits.Count < size);
        });
    }

    // bm25 is lower for better matches: "most relevant first" is ascending rank, ties newest id first.
    private static IQueryable<RankedRow> Order(IQueryable<RankedRow> rows, bool best) =>
        best ? rows.OrderBy(r => r.Rank).ThenByDescending(r => r.Id) : rows.OrderByDescending(r => r.Rank).ThenBy(r => r.Id);

    /// <summary>Every match with its rank. Joined on the same type on both sides: a cast in the join key would keep
    /// SQLite off the primary key and run the full-text query once per track (quadratic; found by bench/run.sh).</summary>
    private static IQueryable<SearchHit> Ranked(MusicSiteDbContext db, IReadOnlyList<string> terms) =>
        db.Database.SqlQuery<SearchHit>($"""
            SELECT rowid AS "Rowid", rank AS "Rank", 0 AS "Size"
            FROM "TrackSearch" WHERE "TrackSearch" MATCH {CatalogSearch.MatchExpression(terms)}
            """);

    /// <summary>The index's first <paramref name="size"/> matches in the final order, with how many there were. The
    /// limit keeps the subquery whole (SQLite cannot flatten it), so it runs once before the join.</summary>
    private static IQueryable<SearchHit> Window(MusicSiteDbContext db, IReadOnlyList<string> terms, int size, bool best) =>
        best
            ? db.Database.SqlQuery<SearchHit>($"""
                SELECT "Rowid", "Rank", count(*) OVER () AS "Size" FROM (
                    SELECT rowid AS "Rowid", rank AS "Rank" FROM "TrackSearch" WHERE "TrackSearch" MATCH {CatalogSearch.MatchExpression(terms)}
                    ORDER BY rank, rowid DESC LIMIT {size})
                """)
            : db.Database.SqlQuery<SearchHit>($"""
                SELECT "Rowid", "Rank", count(*) OVER () AS "Size" FROM (
                    SELECT rowid AS "Rowid", rank AS "Rank" FROM "TrackSearch" WHERE "TrackSearch" MATCH {CatalogSearch.MatchExpression(terms)}
                    ORDER BY rank DESC, rowid LIMIT {size})
                """);

    // Member initialisers (not a constructor): EF can order and filter by their properties.
    private sealed class RankedRow
    {
        public int Id { get; init; }
        public double Rank { get; init; }
    }

    private sealed class SearchHit
    {
        public int Rowid { get; set; }
        public double Rank { get; set; }
        public int Size { get; set; }
    }
}
