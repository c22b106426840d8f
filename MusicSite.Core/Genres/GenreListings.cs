using MusicSite.Catalog;

namespace MusicSite.Genres;

/// <summary>A genre in a list or tree, with its counts from <see cref="GenreCounts"/>: <see cref="TrackCount"/> includes
/// the tracks of every genre below it. <see cref="Children"/> is its subtree in a nested answer, null in a flat one.</summary>
public sealed record GenreEntry(int Id, string Name, string Slug, string? Description, int? ParentId, int TrackCount,
    int SubgenreCount, IReadOnlyList<GenreEntry>? Children);

/// <summary>The genre lists with counts: the whole tree, a page of it nested, a flat page, and one genre's children.</summary>
public sealed class GenreListings(GenreDirectory directory, GenreCounts counts)
{
    /// <summary>The whole tree, each level by name.</summary>
    public async Task<IReadOnlyList<GenreEntry>> TreeAsync(Viewer viewer, CancellationToken cancellationToken)
    {
        var tree = await directory.TreeAsync(cancellationToken);
        var all = await counts.AllAsync(viewer, cancellationToken);
        return Nest(tree, all);
    }

    /// <summary>A page of the top-level genres (or of one genre's children; none for an unknown parent, as in the flat
    /// list), each with its whole subtree. The tree is one query of the genre table, so the page is cut from it.</summary>
    public async Task<(IReadOnlyList<GenreEntry> Items, int Total)> NestedAsync(int? parentId, Viewer viewer, int page, int limit,
        CancellationToken cancellationToken)
    {
        var tree = await TreeAsync(viewer, cancellationToken);
        var level = parentId is null ? tree : Find(tree, parentId.Value)?.Children ?? [];
        return (level.Skip(Common.Paging.Offset(page, limit)).Take(limit).ToList(), level.Count);
    }

    /// <summary>A flat page of genres by name (all, the top level, or one genre's children), paged by the database.</summary>
    public async Task<(IReadOnlyList<GenreEntry> Items, int Total)> FlatAsync(int? parentId, bool topLevelOnly, Viewer viewer,
        int page, int limit, CancellationToken cancellationToken)
    {
        var (items, total) = await directory.ListAsync(parentId, topLevelOnly, page, limit, cancellationToken);
        return (await WithCountsAsync(items, viewer, cancellationToken), total);
    }

    /// <summary>A page of the genres directly below one, by name; null for an unknown id.</summary>
    public async Task<(IReadOnlyList<GenreEntry> Items, int Total)?> ChildrenAsync(int id, Viewer viewer, int page, int limit,
        CancellationToken cancellationToken) =>
        await directory.ChildrenAsync(id, page, limit, cancellationToken) is var (items, total)
            ? (await WithCountsAsync(items, viewer, cancellationToken), total)
            : null;

    private async Task<IReadOnlyList<GenreEntry>> WithCountsAsync(IReadOnlyList<GenreListItem> items, Viewer viewer,
        CancellationToken cancellationToken)
    {
        var found = await counts.ForAsync(items.Select(g => g.Id).ToList(), viewer, cancellationToken);
        return items.Select(g => new GenreEntry(g.Id, g.Name, g.Slug, g.Description, g.ParentId,
            found.GetValueOrDefault(g.Id, GenreCount.None).Tracks, g.ChildCount, null)).ToList();
    }

    private static IReadOnlyList<GenreEntry> Nest(IReadOnlyList<GenreNode> nodes, IReadOnlyDictionary<int, GenreCount> all) =>
        nodes.Select(n => new GenreEntry(n.Id, n.Name, n.Slug, n.Description, n.ParentId,
            all.GetValueOrDefault(n.Id, GenreCount.None).Tracks, n.Children.Count, Nest(n.Children, all))).ToList();

    private static GenreEntry? Find(IReadOnlyList<GenreEntry> nodes, int id)
    {
        foreach (var node in nodes)
        {
            if (node.Id == id)
            {
                return node;
            }
            if (Find(node.Children!, id) is { } found)
            {
                return found;
            }
        }
        return null;
    }
}
