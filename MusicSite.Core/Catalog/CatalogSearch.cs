using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MusicSite.Common;
using MusicSite.Data;

namespace MusicSite.Catalog;

/// <summary>A page of results. <paramref name="Genre"/> is the genre the query's genre filter named, if it named one.
/// <paramref name="TotalExact"/> false: <paramref name="Total"/> is the cap, and more match (<see cref="CatalogTotals"/>).
/// The cursors start the next and previous pages by keyset (<see cref="TrackCursor"/>); null when there is no such page,
/// and always null in relevance order, which pages by number.</summary>
public sealed record TrackSearchResult(IReadOnlyList<TrackSummary> Items, int Total, TrackFacets Facets, IReadOnlyList<string> Terms,
    GenreMatch? Genre = null, bool TotalExact = true, string? NextCursor = null, string? PrevCursor = null);

public sealed record GenreMatch(string Name, string Slug);

/// <summary>
/// The catalog query: filters, full-text search (FTS5, ranked title &gt; artist &gt; tags and genre names &gt; description,
/// prefix matching), sorting and paging, all done by the database; the total and facets beside the results are
/// <see cref="CatalogTotals"/>'s.
/// </summary>
public sealed partial class CatalogSearch(MusicSiteDbContext db, TrackCatalog catalog, CatalogTotals totals, Genres.GenreDirectory genres,
    ShowcaseCache cache, IServiceScopeFactory scopes)
{

    public async Task<TrackSearchResult> SearchAsync(TrackQuery query, Viewer viewer, CancellationToken cancellationToken)
    {
        var terms = Terms(query.Search);
        var genre = query.Genre is null ? null : await genres.NamedAsync(query.Genre, cancellationToken);
        var listedOnly = await catalog.SeesListedOnlyAsync(viewer, cancellationToken);
        var tracks = Matching(query, viewer, genre is not null, listedOnly);
        // The genre, license and artist filters choose their plan by how many tracks they select and how many rows a
        // statement needs (decision 0047); a search's hits are few next to those, so it tests them per row.
        var narrowing = await totals.NarrowingAsync(query, genre?.Id, listedOnly, cancellationToken);
        if (terms.Count > 0)
        {
            narrowing = narrowing with { WalkFactor = 0 };
        }
        // The total and facets do not depend on the page. Unless they are kept or read from the counters alone (a few
        // reads by key, best on this connection after the page), they are counted on a connection of their own while
        // this one reads the page (decision 0053).
        var kept = totals.Kept(query, narrowing, genre is not null, listedOnly);
        var counting = kept is null && !CatalogTotals.FromCountersAlone(query, narrowing, listedOnly)
            ? Task.Run(() => CountAlongsideAsync(query, viewer, narrowing, genre is not null, listedOnly, cancellationToken), cancellationToken)
            : null;
        var filtered = terms.Count == 0 ? tracks : tracks.Where(t => Hits(terms).Contains(t.Id));
        var pageRows = (query.Cursor is null ? Paging.Offset(query.Page, query.Limit) : 0) + query.Limit + 1;

        // The page's ids first, from one indexed statement; then the details of exactly those ids, by key.
        PageIds page;
        IReadOnlyList<TrackSummary> items;
        try
        {
            page = query.RanksByRelevance
                ? await RankedPageAsync(narrowing.Apply(tracks, db, pageRows), terms, query, cancellationToken)
                : await SortedPageAsync(narrowing.Apply(filtered, db, pageRows), query, cancellationToken);
            items = await catalog.SummariesAsync(page.Ids, cancellationToken);
        }
        catch when (counting is not null)
        {
            await counting.ContinueWith(_ => { }, TaskScheduler.Default); // never leave the count running unobserved
            throw;
        }
        var (total, facets) = kept ?? await (counting ?? CountAsync(query, viewer, narrowing, genre is not null, listedOnly, cancellationToken));
        return new TrackSearchResult(items, total.Count, facets, terms, genre is null ? null : new GenreMatch(genre.Name, genre.Slug),
            total.Exact, page.Next?.Encode(), page.Previous?.Encode());
    }

    /// <summary>The tracks the viewer may see that pass every filter but the genre, the license, the artist
    /// (<see cref="Narrowing"/>'s) and the search words. <paramref name="genreNamed"/>: the query's genre, if it names
    /// one, exists (an unknown genre matches nothing rather than being ignored).</summary>
    private IQueryable<Track> Matching(TrackQuery query, Viewer viewer, bool genreNamed, bool listedOnly)
    {
        var tracks = Filter(catalog.ListedFor(viewer, listedOnly), query);
        return query.Genre is not null && !genreNamed ? tracks.Where(t => false) : tracks;
    }

    /// <summary>The total and facets, counted by this request's own <see cref="CatalogSearch"/> in a scope (and so on a
    /// database connection) of its own.</summary>
    private async Task<(CatalogTotal Total, TrackFacets Facets)> CountAlongsideAsync(TrackQuery query, Viewer viewer, Narrowing narrowing,
        bool genreNamed, bool listedOnly, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CatalogSearch>()
            .CountAsync(query, viewer, narrowing, genreNamed, listedOnly, cancellationToken);
    }

    private Task<(CatalogTotal Total, TrackFacets Facets)> CountAsync(TrackQuery query, Viewer viewer, Narrowing narrowing, bool genreNamed,
        bool listedOnly, CancellationToken cancellationToken)
    {
        var tracks = Matching(query, viewer, genreNamed, listedOnly);
        var terms = Terms(query.Search);
        // Counted from the index's side: a join with the matches outermost stops after the capped number of rows,
        // where "Id IN (matches)" first reads every match (1.0 against 2.9 ms for "hea" at 100,000, decision 0050).
        var counted = terms.Count == 0 ? tracks : Hits(terms).Join(tracks, id => id, t => t.Id, (_, t) => t);
        return totals.CountAsync(query, viewer, counted, narrowing, genreNamed, listedOnly, cancellationToken);
    }

    private sealed record PageIds(IReadOnlyList<int> Ids, TrackCursor? Next = null, TrackCursor? Previous = null);

    /// <summary>Ids of the tracks the full-text index finds for every word (as a prefix).</summary>
    private IQueryable<int> Hits(IReadOnlyList<string> terms) => RankedSearch.Hits(db, terms);

    /// <summary>Most relevant first (<see cref="RankedSearch"/>). Paged by number only.</summary>
    private async Task<PageIds> RankedPageAsync(IQueryable<Track> tracks, IReadOnlyList<string> terms, TrackQuery query,
        CancellationToken cancellationToken) =>
        new(await RankedSearch.PageAsync(db, cache, tracks, terms, query, cancellationToken));

    /// <summary>Any other order: one of the list indexes read in order, from an offset (numbered pages) or from a
    /// cursor (keyset: any depth costs what page 1 costs). One row more than the page tells whether another follows.</summary>
    private static async Task<PageIds> SortedPageAsync(IQueryable<Track> matching, TrackQuery query, CancellationToken cancellationToken)
    {
        var sort = query.ListSort;
        var descending = query.EffectiveDescending;
        var cursor = query.Cursor;
        var backward = cursor?.Backward ?? false;
        var scanDescending = descending != backward;
        var source = cursor is null ? matching : TrackOrder.Seek(matching, sort, scanDescending, cursor);
        var offset = cursor is null ? Paging.Offset(query.Page, query.Limit) : 0;
        var rows = await TrackOrder.Apply(source, sort, scanDescending).Skip(offset).Take(query.Limit + 1).Select(TrackOrder.Row(sort))
            .ToListAsync(cancellationToken);
        var more = rows.Count > query.Limit;
        rows = rows.Take(query.Limit).ToList();
        if (backward)
        {
            rows.Reverse();
        }
        TrackCursor? At(PageRow row, bool before) => new(sort, descending, before, row.Id, TrackOrder.KeyOf(sort, row));
        if (rows.Count == 0)
        {
            return new PageIds([]);
        }
        var (hasNext, hasPrevious) = backward ? (true, more) : (more, cursor is not null || offset > 0);
        return new PageIds(rows.Select(r => r.Id).ToList(), hasNext ? At(rows[^1], false) : null, hasPrevious ? At(rows[0], true) : null);
    }

    /// <summary>Search words as the index sees them: letters and digits, at most eight of them.</summary>
    public static IReadOnlyList<string> Terms(string? search) =>
        string.IsNullOrWhiteSpace(search)
            ? []
            : WordPattern().Matches(search).Select(m => m.Value.ToLowerInvariant()).Distinct().Take(8).ToList();

    /// <summary>Each word as a quoted prefix ("hou"*), all required: what the listener typed so far matches.</summary>
    internal static string MatchExpression(IReadOnlyList<string> terms) =>
        string.Join(" ", terms.Select(t => "\"" + t.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"*"));

    /// <summary>Every filter but the genre, the license and the artist, which <see cref="Narrowing"/> applies.</summary>
    private static IQueryable<Track> Filter(IQueryable<Track> tracks, TrackQuery query)
    {
        foreach (var tag in query.Tags)
        {
            tracks = tracks.Where(t => t.Tags.Any(x => x.Tag == tag));
        }
        if (query.MinDuration is { } min)
        {
            tracks = tracks.Where(t => t.DurationSeconds >= min);
        }
        if (query.MaxDuration is { } max)
        {
            tracks = tracks.Where(t => t.DurationSeconds <= max);
        }
        if (query.Duration?.FromSeconds is { } presetFrom)
        {
            tracks = tracks.Where(t => t.DurationSeconds >= presetFrom);
        }
        if (query.Duration?.ToSeconds is { } presetTo)
        {
            tracks = tracks.Where(t => t.DurationSeconds < presetTo);
        }
        if (query.BpmMin is { } bpmMin)
        {
            tracks = tracks.Where(t => t.Bpm >= bpmMin);
        }
        if (query.BpmMax is { } bpmMax)
        {
            tracks = tracks.Where(t => t.Bpm <= bpmMax);
        }
        if (query.Key is { } key)
        {
            var spellings = MusicalKey.Spellings(key);
            tracks = tracks.Where(t => spellings.Contains(t.Key!));
        }
        if (query.UploaderId is { } uploader)
        {
            tracks = tracks.Where(t => t.UploaderId == uploader);
        }
        return tracks;
    }

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex WordPattern();
}
