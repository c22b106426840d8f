using MusicSite.Data;

namespace MusicSite.Catalog;

/// <summary>The one owner of "in this genre": tagged with the genre or with any genre below it, through the
/// closure table (an index range per genre, no tree walk in memory).</summary>
public static class GenreFilter
{
    /// <summary>The ids of the genre and of every genre below it.</summary>
    public static IQueryable<int> GenreSubtree(this MusicSiteDbContext db, int genreId) =>
        db.GenreClosure.Where(c => c.AncestorId == genreId).Select(c => c.DescendantId);

    /// <summary>Tracks tagged with the genre or a genre below it.</summary>
    public static IQueryable<Track> InGenre(this IQueryable<Track> tracks, MusicSiteDbContext db, int genreId) =>
        tracks.Where(t => t.Genres.Any(g => db.GenreClosure.Any(c => c.AncestorId == genreId && c.DescendantId == g.GenreId)));

    /// <summary>Albums tagged with the genre or a genre below it.</summary>
    public static IQueryable<Album> InGenre(this IQueryable<Album> albums, MusicSiteDbContext db, int genreId) =>
        albums.Where(a => a.Genres.Any(g => db.GenreClosure.Any(c => c.AncestorId == genreId && c.DescendantId == g.GenreId)));
}
