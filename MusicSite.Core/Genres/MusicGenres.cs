using Microsoft.EntityFrameworkCore;
using MusicSite.Catalog;
using MusicSite.Data;

namespace MusicSite.Genres;

/// <summary>A genre a piece of music is tagged with, and the genres above it, root first.</summary>
public sealed record MusicGenre(int Id, string Name, string Slug, IReadOnlyList<GenreRef> Ancestors);

/// <summary>The genres of one track or album, each with its ancestor path.</summary>
public sealed class MusicGenres(MusicSiteDbContext db, TrackCatalog catalog, GenreDirectory directory)
{
    /// <summary>The genres of a track the viewer may see, by name; null when there is no such track for them.</summary>
    public async Task<IReadOnlyList<MusicGenre>?> OfTrackAsync(int trackId, Viewer viewer, CancellationToken cancellationToken)
    {
        var track = await catalog.Visible(viewer).Where(t => t.Id == trackId)
            .Select(t => new { Genres = t.Genres.Select(g => new GenreRef(g.GenreId, g.Genre!.Name, g.Genre.Slug)).ToList() })
            .FirstOrDefaultAsync(cancellationToken);
        return track is null ? null : await WithPathsAsync(track.Genres, cancellationToken);
    }

    /// <summary>The genres of an album, by name; null when there is no such album (albums are public).</summary>
    public async Task<IReadOnlyList<MusicGenre>?> OfAlbumAsync(int albumId, CancellationToken cancellationToken)
    {
        var album = await db.Albums.AsNoTracking().Where(a => a.Id == albumId)
            .Select(a => new { Genres = a.Genres.Select(g => new GenreRef(g.GenreId, g.Genre!.Name, g.Genre.Slug)).ToList() })
            .FirstOrDefaultAsync(cancellationToken);
        return album is null ? null : await WithPathsAsync(album.Genres, cancellationToken);
    }

    private async Task<IReadOnlyList<MusicGenre>> WithPathsAsync(List<GenreRef> genres, CancellationToken cancellationToken)
    {
        var paths = await directory.AncestorPathsAsync(genres.Select(g => g.Id).ToList(), cancellationToken);
        return genres.OrderBy(g => g.Name, StringComparer.OrdinalIgnoreCase)
            .Select(g => new MusicGenre(g.Id, g.Name, g.Slug, paths[g.Id].Select(a => new GenreRef(a.Id, a.Name, a.Slug)).ToList()))
            .ToList();
    }
}
