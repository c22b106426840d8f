using Microsoft.EntityFrameworkCore;
using MusicSite.Data;

namespace MusicSite.Catalog;

/// <summary>What a counter counts (the <c>Kind</c> column of the raw-SQL table CatalogCounters).</summary>
public enum CounterKind
{
    /// <summary>The whole listed catalog (key 0).</summary>
    All = 0,
    /// <summary>A genre with its subgenres (key: the genre id); a track tagged twice in one subtree counts once.</summary>
    Genre = 1,
    /// <summary>A license (key: the license id).</summary>
    License = 2,
    /// <summary>A BPM bucket (key: the index in <see cref="BpmBuckets.All"/>).</summary>
    Bpm = 3,
    /// <summary>A genre itself, its subgenres not included (key: the genre id): the tracks tagged with it
    /// (migration 20261206030000_CatalogTaggedCounters).</summary>
    Tagged = 4,
}

public sealed record CounterRow(CounterKind Kind, int Key, int Count);

/// <summary>Reads the listed catalog's counters (listed: not deleted, public, ready). The database keeps them: the
/// triggers of migration 20261204020000_CatalogCounterTriggers follow every change of a track, its genre links and
/// the genre tree, so a read is a primary-key lookup however large the catalog is. The same counters are kept within
/// each genre (migration 20261206020000_CatalogCountersByGenre), for the facets of a list filtered by that genre.</summary>
public sealed class CatalogCounters(MusicSiteDbContext db)
{
    /// <summary>The sum of the counters of <paramref name="keys"/> (0 for a key never counted).</summary>
    public async Task<int> SumAsync(CounterKind kind, IReadOnlyCollection<int> keys, CancellationToken cancellationToken)
    {
        var sum = 0;
        foreach (var key in keys.Distinct())
        {
            sum += await db.Database.SqlQuery<int>($"""
                SELECT "Count" AS "Value" FROM "CatalogCounters" WHERE "Kind" = {(int)kind} AND "Key" = {key}
                """).SingleOrDefaultAsync(cancellationToken);
        }
        return sum;
    }

    /// <summary>Every counter of a kind above zero: of the whole listed catalog, or (<paramref name="withinGenre"/>) of
    /// the listed tracks in that genre's subtree (a genre or a BPM bucket; migration 20261206020000_CatalogCountersByGenre).</summary>
    public async Task<IReadOnlyDictionary<int, int>> OfKindAsync(CounterKind kind, CancellationToken cancellationToken, int? withinGenre = null) =>
        withinGenre is { } genre
            ? await db.Database.SqlQuery<KeyCount>($"""
                SELECT "Key", "Count" FROM "CatalogCountersByGenre" WHERE "GenreId" = {genre} AND "Kind" = {(int)kind} AND "Count" > 0
                """).ToDictionaryAsync(c => c.Key, c => c.Count, cancellationToken)
            : await db.Database.SqlQuery<KeyCount>($"""
                SELECT "Key", "Count" FROM "CatalogCounters" WHERE "Kind" = {(int)kind} AND "Count" > 0
                """).ToDictionaryAsync(c => c.Key, c => c.Count, cancellationToken);

    /// <summary>The genres with the most listed tracks (subgenres included), most first, then by name: of the whole
    /// listed catalog, or (<paramref name="withinGenre"/>) among the listed tracks in that genre's subtree.</summary>
    public async Task<IReadOnlyList<GenreTally>> TopGenresAsync(int count, CancellationToken cancellationToken, int? withinGenre = null) =>
        withinGenre is { } within
            ? await db.Database.SqlQuery<GenreTally>($"""
                SELECT g."Id", g."Name", g."Slug", c."Count" FROM "CatalogCountersByGenre" c JOIN "Genres" g ON g."Id" = c."Key"
                WHERE c."GenreId" = {within} AND c."Kind" = 1 AND c."Count" > 0 ORDER BY c."Count" DESC, g."Name" LIMIT {count}
                """).ToListAsync(cancellationToken)
            : await db.Database.SqlQuery<GenreTally>($"""
                SELECT g."Id", g."Name", g."Slug", c."Count" FROM "CatalogCounters" c JOIN "Genres" g ON g."Id" = c."Key"
                WHERE c."Kind" = 1 AND c."Count" > 0 ORDER BY c."Count" DESC, g."Name" LIMIT {count}
                """).ToListAsync(cancellationToken);

    /// <summary>Every counter within every genre, zeros left out (for checks against a recount).</summary>
    public async Task<IReadOnlyList<(int GenreId, CounterRow Counter)>> WithinGenresAsync(CancellationToken cancellationToken) =>
        (await db.Database.SqlQuery<KindKeyCount>($"""
            SELECT "GenreId", "Kind", "Key", "Count" FROM "CatalogCountersByGenre" WHERE "Count" <> 0
            """).ToListAsync(cancellationToken))
        .Select(c => (c.GenreId, new CounterRow((CounterKind)c.Kind, c.Key, c.Count))).ToList();

    /// <summary>The listed catalog's artist names that match a LIKE <paramref name="pattern"/> (escaped with
    /// <paramref name="escape"/>), as one JSON array, with their listed tracks in all (migration
    /// 20261205010000_CatalogArtistNames keeps them). One scan of the names, however many tracks there are.</summary>
    public async Task<(string NamesJson, int Tracks)> ArtistNamesLikeAsync(string pattern, string escape, CancellationToken cancellationToken)
    {
        var names = await db.Database.SqlQuery<NameCount>($"""
            SELECT "Name", "Count" FROM "CatalogArtistNames" WHERE "Name" LIKE {pattern} ESCAPE {escape}
            """).ToListAsync(cancellationToken);
        return (System.Text.Json.JsonSerializer.Serialize(names.Select(n => n.Name)), names.Sum(n => n.Count));
    }

    /// <summary>Every artist name's count (for checks against a recount).</summary>
    public async Task<IReadOnlyDictionary<string, int>> ArtistNamesAsync(CancellationToken cancellationToken) =>
        await db.Database.SqlQuery<NameCount>($"""SELECT "Name", "Count" FROM "CatalogArtistNames" """)
            .ToDictionaryAsync(n => n.Name, n => n.Count, StringComparer.Ordinal, cancellationToken);

    /// <summary>Every counter, zeros left out (for checks against a recount).</summary>
    public async Task<IReadOnlyList<CounterRow>> AllAsync(CancellationToken cancellationToken) =>
        (await db.Database.SqlQuery<KindKeyCount>($"""
            SELECT 0 AS "GenreId", "Kind", "Key", "Count" FROM "CatalogCounters" WHERE "Count" <> 0
            """).ToListAsync(cancellationToken))
        .Select(c => new CounterRow((CounterKind)c.Kind, c.Key, c.Count)).ToList();

    private sealed class KeyCount
    {
        public int Key { get; set; }
        public int Count { get; set; }
    }

    private sealed class NameCount
    {
        public string Name { get; set; } = "";
        public int Count { get; set; }
    }

    /// <summary>A counter row of either table (GenreId 0 for the whole catalog's).</summary>
    private sealed class KindKeyCount
    {
        public int GenreId { get; set; }
        public int Kind { get; set; }
        public int Key { get; set; }
        public int Count { get; set; }
    }
}

/// <summary>A genre and how many tracks of a list are in it or below it.</summary>
public sealed class GenreTally
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    public string Slug { get; set; } = "";
    public int Count { get; set; }
}
