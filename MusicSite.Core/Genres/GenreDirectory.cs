using Microsoft.EntityFrameworkCore;
using MusicSite.Common;
using MusicSite.Data;

namespace MusicSite.Genres;

public sealed record GenreNode(int Id, string Name, string Slug, string? Description, int? ParentId,
    IReadOnlyList<GenreNode> Children);

public sealed record GenreListItem(int Id, string Name, string Slug, string? Description, int? ParentId, int ChildCount);

public sealed record GenreDetail(int Id, string Name, string Slug, string? Description,
    IReadOnlyList<GenreListItem> Ancestors, IReadOnlyList<GenreListItem> Children, IReadOnlyList<RelatedGenre> Related);

/// <summary>A curated relation seen from one genre: the genre at the other end, the kind and the weight.</summary>
public sealed record CuratedLink(int OtherId, string OtherName, string OtherSlug, GenreRelationKind Kind, double Weight);

public sealed record RelatedGenre(string Name, string Slug, GenreRelationKind Kind, double Weight);

/// <summary>Reads the genre tree: the whole tree, a page of genres, one genre with its surroundings.</summary>
public sealed class GenreDirectory(MusicSiteDbContext db, Catalog.ShowcaseCache cache)
{
    /// <summary>The whole tree, by name at each level. Every catalog page's genre choices read it, so it is kept
    /// until content changes (<see cref="Catalog.ShowcaseCache"/>: a genre added, renamed or moved moves the version).</summary>
    public Task<IReadOnlyList<GenreNode>> TreeAsync(CancellationToken cancellationToken) =>
        cache.GetAsync("genres:tree", Catalog.ShowcaseCache.ContentLifetime, async () =>
        {
            // One query for the whole table (a few hundred rows), then the tree is assembled in memory.
            var all = await db.Genres.AsNoTracking().OrderBy(g => g.Name).ToListAsync(cancellationToken);
            var children = all.ToLookup(g => g.ParentId);
            IReadOnlyList<GenreNode> Build(int? parentId) => children[parentId]
                .Select(g => new GenreNode(g.Id, g.Name, g.Slug, g.Description, g.ParentId, Build(g.Id))).ToList().AsReadOnly();
            return Build(null);
        });

    /// <summary>The genre a filter names, by slug, id or name in any letter case, or by the slug its words make
    /// ("Deep House" finds deep-house), the first kind of match winning; null for an unknown name. Read from the kept
    /// tree, so a list filtered by genre spends no statement on finding it.</summary>
    public async Task<Catalog.GenreRef?> NamedAsync(string named, CancellationToken cancellationToken)
    {
        var lower = named.ToLowerInvariant();
        var slug = Slug.From(named);
        int? id = int.TryParse(named, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number)
                  && number.ToString(System.Globalization.CultureInfo.InvariantCulture) == named
            ? number
            : null;
        var all = Flatten(await TreeAsync(cancellationToken)).ToList();
        var genre = all.FirstOrDefault(g => g.Slug == lower || g.Id == id)
                    ?? all.FirstOrDefault(g => string.Equals(g.Name, named, StringComparison.OrdinalIgnoreCase))
                    ?? all.FirstOrDefault(g => g.Slug == slug);
        return genre is null ? null : new Catalog.GenreRef(genre.Id, genre.Name, genre.Slug);
    }

    /// <summary>Each genre's id mapped to the ids of the genres at or above it, itself included (the closure table, a
    /// few thousand rows at most). Kept like the tree: a genre added, moved or merged moves the content version. The
    /// genre counts and the catalog's facets credit a track's links to these genres.</summary>
    public Task<IReadOnlyDictionary<int, int[]>> AtOrAboveAsync(CancellationToken cancellationToken) =>
        cache.GetAsync<IReadOnlyDictionary<int, int[]>>("genres:at-or-above", Catalog.ShowcaseCache.ContentLifetime, async () =>
            (await db.GenreClosure.AsNoTracking().Select(c => new { c.AncestorId, c.DescendantId }).ToListAsync(cancellationToken))
                .GroupBy(c => c.DescendantId)
                .ToDictionary(g => g.Key, g => g.Select(c => c.AncestorId).ToArray()));

    public async Task<(IReadOnlyList<GenreListItem> Items, int Total)> ListAsync(int? parentId, bool topLevelOnly,
        int page, int limit, CancellationToken cancellationToken)
    {
        var query = db.Genres.AsNoTracking();
        if (parentId is not null)
        {
            query = query.Where(g => g.ParentId == parentId);
        }
        else if (topLevelOnly)
        {
            query = query.Where(g => g.ParentId == null);
        }
        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderBy(g => g.Name).Skip(Paging.Offset(page, limit)).Take(limit)
            .Select(g => new GenreListItem(g.Id, g.Name, g.Slug, g.Description, g.ParentId, g.Children.Count))
            .ToListAsync(cancellationToken);
        return (items, total);
    }

    /// <summary>A genre with its ancestors, children and curated relations; null for an unknown slug. Found in the kept
    /// tree and kept like it (four statements a genre page no longer runs on every view); an unknown slug keeps nothing.</summary>
    public async Task<GenreDetail?> FindAsync(string slug, CancellationToken cancellationToken) =>
        Flatten(await TreeAsync(cancellationToken)).FirstOrDefault(g => g.Slug == slug) is { } genre
            ? await KeptDetailAsync(genre.Id, cancellationToken)
            : null;

    public async Task<GenreDetail?> FindAsync(int id, CancellationToken cancellationToken) =>
        Flatten(await TreeAsync(cancellationToken)).Any(g => g.Id == id) ? await KeptDetailAsync(id, cancellationToken) : null;

    private async Task<GenreDetail?> KeptDetailAsync(int id, CancellationToken cancellationToken) =>
        (await cache.GetAsync("genres:detail:" + id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Catalog.ShowcaseCache.ContentLifetime, async () => new KeptDetail(
                await db.Genres.AsNoTracking().FirstOrDefaultAsync(g => g.Id == id, cancellationToken) is { } genre
                    ? await DetailAsync(genre, cancellationToken)
                    : null))).Detail;

    /// <summary>Holds a detail in the cache, null included (a genre removed while the tree was read).</summary>
    private sealed record KeptDetail(GenreDetail? Detail);

    private static IEnumerable<GenreNode> Flatten(IEnumerable<GenreNode> nodes) => nodes.SelectMany(n => Flatten(n.Children).Prepend(n));

    /// <summary>The genres above a genre, root first (empty for a top-level genre); null for an unknown id.</summary>
    public async Task<IReadOnlyList<GenreListItem>?> AncestorsAsync(int id, CancellationToken cancellationToken) =>
        await db.Genres.AnyAsync(g => g.Id == id, cancellationToken)
            ? (await AncestorPathsAsync([id], cancellationToken))[id]
            : null;

    /// <summary>For each genre id, the genres above it, root first: one query through the closure table.</summary>
    public async Task<IReadOnlyDictionary<int, IReadOnlyList<GenreListItem>>> AncestorPathsAsync(IReadOnlyCollection<int> ids,
        CancellationToken cancellationToken)
    {
        var rows = await db.GenreClosure.AsNoTracking()
            .Where(c => ids.Contains(c.DescendantId) && c.Depth > 0)
            .Join(db.Genres, c => c.AncestorId, g => g.Id, (c, g) => new
            {
                c.DescendantId, c.Depth,
                Item = new GenreListItem(g.Id, g.Name, g.Slug, g.Description, g.ParentId, g.Children.Count),
            })
            .ToListAsync(cancellationToken);
        var byGenre = rows.ToLookup(r => r.DescendantId);
        return ids.Distinct().ToDictionary(id => id,
            id => (IReadOnlyList<GenreListItem>)byGenre[id].OrderByDescending(r => r.Depth).Select(r => r.Item).ToList());
    }

    /// <summary>A page of the genres directly below a genre, by name; null for an unknown id.</summary>
    public async Task<(IReadOnlyList<GenreListItem> Items, int Total)?> ChildrenAsync(int id, int page, int limit,
        CancellationToken cancellationToken) =>
        await db.Genres.AnyAsync(g => g.Id == id, cancellationToken)
            ? await ListAsync(id, topLevelOnly: false, page, limit, cancellationToken)
            : null;

    /// <summary>The slug that an address which is not a genre's slug stands for: the genre's own slug written in
    /// other letter case ("House"), or the slug the genre which once had it has now (after a rename or a merge);
    /// null when no genre had it.</summary>
    public async Task<string?> CurrentSlugAsync(string oldSlug, CancellationToken cancellationToken)
    {
        // Slugs are lower case: any other spelling of one is the same address.
        var key = oldSlug.ToLowerInvariant();
        if (key != oldSlug && await db.Genres.AnyAsync(g => g.Slug == key, cancellationToken))
        {
            return key;
        }
        return await db.RetiredGenreSlugs.AsNoTracking().Where(s => s.Slug == key)
            .Join(db.Genres, s => s.GenreId, g => g.Id, (_, g) => g.Slug)
            .FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>The curated relations of a genre, stored either way round, each seen from this genre: strongest first,
    /// then by the other genre's name.</summary>
    public async Task<IReadOnlyList<CuratedLink>> CuratedLinksAsync(int id, CancellationToken cancellationToken) =>
        (await db.GenreRelations.AsNoTracking()
            .Where(r => r.FromGenreId == id || r.ToGenreId == id)
            .Select(r => r.FromGenreId == id
                ? new CuratedLink(r.ToGenreId, r.ToGenre!.Name, r.ToGenre.Slug, r.Kind, r.Weight)
                : new CuratedLink(r.FromGenreId, r.FromGenre!.Name, r.FromGenre.Slug, r.Kind, r.Weight))
            .ToListAsync(cancellationToken))
        .OrderByDescending(r => r.Weight).ThenBy(r => r.OtherName, StringComparer.OrdinalIgnoreCase).ToList();

    private async Task<GenreDetail> DetailAsync(Genre genre, CancellationToken cancellationToken)
    {
        var ancestors = (await AncestorPathsAsync([genre.Id], cancellationToken))[genre.Id];
        var children = await db.Genres.AsNoTracking().Where(g => g.ParentId == genre.Id).OrderBy(g => g.Name)
            .Select(g => new GenreListItem(g.Id, g.Name, g.Slug, g.Description, g.ParentId, g.Children.Count))
            .ToListAsync(cancellationToken);
        var related = (await CuratedLinksAsync(genre.Id, cancellationToken))
            .Select(r => new RelatedGenre(r.OtherName, r.OtherSlug, r.Kind, r.Weight)).ToList();
        return new GenreDetail(genre.Id, genre.Name, genre.Slug, genre.Description, ancestors, children, related);
    }
}
