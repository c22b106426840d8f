using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using MusicSite.Common;
using MusicSite.Data;

namespace MusicSite.Catalog;

/// <summary>A page of results. <paramref name="Genre"/> is the genre the query's genre filter named, if it named one.
/// <paramref name="TotalExact"/> false: <paramref name="Total"/> is the cap, and more match (<see cref="CatalogTotals"/>).</summary>
public sealed record TrackSearchResult(IReadOnlyList<TrackSummary> Items, int Total, TrackFacets Facets, IReadOnlyList<string> Terms,
    GenreMatch? Genre = null, bool TotalExact = true);

public sealed record GenreMatch(string Name, string Slug);

/// <summary>
/// The catalog query: filters, full-text search (FTS5, ranked title &gt; artist &gt; tags and genre names &gt; description,
/// prefix matching), sorting and paging, all done by the database; the total and facets beside the results are
/// <see cref="CatalogTotals"/>'s.
/// </summary>
public sealed partial class CatalogSearch(MusicSiteDbContext db, TrackCatalog catalog, CatalogTotals totals)
{
    public async Task<TrackSearchResult> SearchAsync(TrackQuery query, Viewer viewer, CancellationToken cancellationToken)
    {
        var terms = Terms(query.Search);
        var genre = query.Genre is null ? null : await NamedGenreAsync(query.Genre, cancellationToken);
        var tracks = Filter(catalog.Visible(viewer).Where(t => t.State == TrackState.Ready), query);
        if (query.Genre is not null)
        {
            // An unknown genre matches nothing (rather than being ignored and showing everything).
            tracks = genre is null ? tracks.Where(t => false) : tracks.InGenre(db, genre.Id);
        }

        IQueryable<RankedTrack> ranked = terms.Count == 0
            ? tracks.Select(t => new RankedTrack { Track = t, Rank = 0 })
            : tracks.Join(
                db.Database.SqlQuery<SearchHit>($"""
                    SELECT rowid AS "Rowid", bm25("TrackSearch", 10.0, 5.0, 2.0, 1.0, 2.0) AS "Rank"
                    FROM "TrackSearch" WHERE "TrackSearch" MATCH {MatchExpression(terms)}
                    """),
                // Same type on both sides: a cast in the join key would keep SQLite off the primary key and run
                // the full-text query once per track (quadratic; found by bench/run.sh).
                t => t.Id, h => h.Rowid, (t, h) => new RankedTrack { Track = t, Rank = h.Rank });

        var (total, facets) = await totals.CountAsync(query, viewer, ranked.Select(r => r.Track), genre?.Id, cancellationToken);
        // The page's ids come from the ranked query; their details (genres, license, album) from a second, keyed
        // one, because EF cannot project collections across a join with the keyless FTS rows.
        var ids = await Sort(ranked, terms.Count == 0 && query.EffectiveSort == TrackSort.Relevance ? TrackSort.CreatedAt : query.EffectiveSort,
                query.EffectiveDescending)
            .Skip(Paging.Offset(query.Page, query.Limit)).Take(query.Limit)
            .Select(r => r.Track.Id)
            .ToListAsync(cancellationToken);
        var details = await TrackCatalog.Summaries(db.Tracks.Where(t => ids.Contains(t.Id))).ToDictionaryAsync(t => t.Id, cancellationToken);
        var items = ids.Select(id => details[id]).ToList();
        return new TrackSearchResult(items, total.Count, facets, terms, genre is null ? null : new GenreMatch(genre.Name, genre.Slug), total.Exact);
    }

    /// <summary>Search words as the index sees them: letters and digits, at most eight of them.</summary>
    public static IReadOnlyList<string> Terms(string? search) =>
        string.IsNullOrWhiteSpace(search)
            ? []
            : WordPattern().Matches(search).Select(m => m.Value.ToLowerInvariant()).Distinct().Take(8).ToList();

    /// <summary>Each word as a quoted prefix ("hou"*), all required: what the listener typed so far matches.</summary>
    private static string MatchExpression(IReadOnlyList<string> terms) =>
        string.Join(" ", terms.Select(t => "\"" + t.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"*"));

    private static IQueryable<Track> Filter(IQueryable<Track> tracks, TrackQuery query)
    {
        if (query.Artist is { } artist)
        {
            // Part of the name, in any letter case: "marlow" finds "Marlow Kid" (SQLite's LIKE ignores ASCII case).
            var pattern = QueryValues.ContainsPattern(artist);
            tracks = tracks.Where(t => EF.Functions.Like(t.ArtistName, pattern, QueryValues.LikeEscape));
        }
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
        if (query.License is { } license)
        {
            var code = license.ToLowerInvariant();
            tracks = tracks.Where(t => t.License!.Code == code || t.License.Name.ToLower() == code);
        }
        if (query.UploaderId is { } uploader)
        {
            tracks = tracks.Where(t => t.UploaderId == uploader);
        }
        return tracks;
    }

    /// <summary>The genre a filter names, by slug, id or name in any letter case, or by the slug its words make
    /// ("Deep House" finds deep-house): one query for the few rows that could match, the first kind of match wins.
    /// Null for an unknown name. Its subgenres come in through <see cref="GenreFilter"/>.</summary>
    private async Task<GenreRef?> NamedGenreAsync(string named, CancellationToken cancellationToken)
    {
        var lower = named.ToLowerInvariant();
        var slug = Slug.From(named);
        int? id = int.TryParse(named, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number)
                  && number.ToString(System.Globalization.CultureInfo.InvariantCulture) == named
            ? number
            : null;
        var candidates = await db.Genres.AsNoTracking()
            .Where(g => g.Slug == lower || g.Id == id || EF.Functions.Collate(g.Name, "NOCASE") == named || g.Slug == slug)
            .Select(g => new GenreRef(g.Id, g.Name, g.Slug))
            .ToListAsync(cancellationToken);
        return candidates.FirstOrDefault(g => g.Slug == lower || g.Id == id)
               ?? candidates.FirstOrDefault(g => string.Equals(g.Name, named, StringComparison.OrdinalIgnoreCase))
               ?? candidates.FirstOrDefault(g => g.Slug == slug);
    }

    private static IQueryable<RankedTrack> Sort(IQueryable<RankedTrack> tracks, TrackSort sort, bool descending) =>
        (sort, descending) switch
        {
            // bm25 is lower for better matches: "most relevant first" is ascending rank.
            (TrackSort.Relevance, true) => tracks.OrderBy(r => r.Rank).ThenByDescending(r => r.Track.Id),
            (TrackSort.Relevance, false) => tracks.OrderByDescending(r => r.Rank).ThenBy(r => r.Track.Id),
            (TrackSort.UpdatedAt, var d) => Order(tracks, r => r.Track.UpdatedAt, d),
            (TrackSort.Title, var d) => Order(tracks, r => EF.Functions.Collate(r.Track.Title, "NOCASE"), d),
            (TrackSort.Artist, var d) => Order(tracks, r => EF.Functions.Collate(r.Track.ArtistName, "NOCASE"), d),
            (TrackSort.Duration, var d) => Order(tracks, r => r.Track.DurationSeconds, d),
            (TrackSort.Plays, var d) => Order(tracks, r => r.Track.PlayCount, d),
            (TrackSort.Likes, var d) => Order(tracks, r => r.Track.LikeCount, d),
            (TrackSort.Popularity, var d) => Order(tracks, r => r.Track.PlayCount + 2 * r.Track.DownloadCount + 3 * r.Track.LikeCount, d),
            (_, var d) => Order(tracks, r => r.Track.CreatedAt, d),
        };

    /// <summary>Orders by the key, then by id in the same direction, so pages never overlap or skip.</summary>
    private static IOrderedQueryable<RankedTrack> Order<TKey>(IQueryable<RankedTrack> tracks,
        System.Linq.Expressions.Expression<Func<RankedTrack, TKey>> key, bool descending) =>
        descending
            ? tracks.OrderByDescending(key).ThenByDescending(r => r.Track.Id)
            : tracks.OrderBy(key).ThenBy(r => r.Track.Id);

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex WordPattern();

    private sealed class SearchHit
    {
        public int Rowid { get; set; }
        public double Rank { get; set; }
    }

    private sealed class RankedTrack
    {
        public Track Track { get; set; } = null!;
        public double Rank { get; set; }
    }
}
