using Microsoft.EntityFrameworkCore;
using MusicSite.Catalog;
using MusicSite.Data;

namespace MusicSite.Genres;

/// <summary>What sits directly on a genre, as the confirmation pages list it: the tracks and albums tagged with it
/// (hidden and deleted ones too), its subgenres and its curated relations. A merge or a delete with reassignment
/// moves these; <see cref="GenreCuration"/> decides, this only counts them.</summary>
public sealed record GenreHoldings(int Tracks, int Albums, int Subgenres, int Relations)
{
    /// <summary>Nothing has to move before a delete (relations go with the genre).</summary>
    public bool IsEmpty => Tracks == 0 && Albums == 0 && Subgenres == 0;
}

/// <summary>One genre as the curation pages show it.</summary>
public sealed record GenreForCuration(int Id, string Name, string Slug, string? Description, int? ParentId,
    IReadOnlyList<GenreListItem> Ancestors, GenreHoldings Contents, IReadOnlyList<CuratedLink> Relations,
    IReadOnlySet<int> Subtree);

/// <summary>Reads for the curation pages: a genre with what a merge or delete would move, its curated relations (both
/// directions, with the other genre's id) and the ids of its subtree (the genres it cannot move under or merge into).</summary>
public sealed class GenreCurationView(MusicSiteDbContext db, GenreDirectory genres)
{
    public async Task<GenreForCuration?> FindAsync(int id, CancellationToken cancellationToken)
    {
        if (await db.Genres.AsNoTracking().FirstOrDefaultAsync(g => g.Id == id, cancellationToken) is not { } genre)
        {
            return null;
        }
        var ancestors = (await genres.AncestorPathsAsync([id], cancellationToken))[id];
        var relations = await genres.CuratedLinksAsync(id, cancellationToken);
        var contents = new GenreHoldings(
            await db.TrackGenres.CountAsync(t => t.GenreId == id, cancellationToken),
            await db.AlbumGenres.CountAsync(a => a.GenreId == id, cancellationToken),
            await db.Genres.CountAsync(g => g.ParentId == id, cancellationToken),
            relations.Count);
        var subtree = (await db.GenreSubtree(id).ToListAsync(cancellationToken)).ToHashSet();
        return new GenreForCuration(genre.Id, genre.Name, genre.Slug, genre.Description, genre.ParentId, ancestors,
            contents, relations, subtree);
    }
}
