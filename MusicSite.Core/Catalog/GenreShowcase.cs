using Microsoft.EntityFrameworkCore;
using MusicSite.Data;

namespace MusicSite.Catalog;

/// <summary>What a genre page features: the most played tracks and albums of the genre, its subgenres included
/// (<see cref="GenreFilter"/>), among what the viewer may see.</summary>
public sealed class GenreShowcase(MusicSiteDbContext db, TrackCatalog catalog)
{
    /// <summary>Playable tracks of the genre or a genre below it, most played first, then newest.</summary>
    public async Task<IReadOnlyList<TrackSummary>> PopularTracksAsync(int genreId, Viewer viewer, int count,
        CancellationToken cancellationToken) =>
        await TrackCatalog.Summaries(catalog.Visible(viewer).Where(t => t.State == TrackState.Ready).InGenre(db, genreId)
                .OrderByDescending(t => t.PlayCount).ThenByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id).Take(count))
            .ToListAsync(cancellationToken);

    /// <summary>Albums tagged with the genre or a genre below it that hold a playable track the viewer may see,
    /// by the plays of those tracks, then by the newest of them.</summary>
    public async Task<IReadOnlyList<AlbumSummary>> PopularAlbumsAsync(int genreId, Viewer viewer, int count,
        CancellationToken cancellationToken)
    {
        var playable = catalog.Visible(viewer).Where(t => t.State == TrackState.Ready);
        return await db.Albums.AsNoTracking().InGenre(db, genreId)
            .Select(a => new
            {
                Album = a,
                Tracks = playable.Count(t => t.AlbumId == a.Id),
                Plays = playable.Where(t => t.AlbumId == a.Id).Sum(t => t.PlayCount),
                Newest = playable.Where(t => t.AlbumId == a.Id).Max(t => (DateTime?)t.CreatedAt),
            })
            .Where(a => a.Tracks > 0)
            .OrderByDescending(a => a.Plays).ThenByDescending(a => a.Newest).ThenByDescending(a => a.Album.Id).Take(count)
            .Select(a => new AlbumSummary(a.Album.Id, a.Album.Title, a.Album.ArtistName, a.Album.ReleaseDate, a.Tracks, a.Album.UpdatedAt,
                new UploaderRef(a.Album.OwnerId, a.Album.Owner!.DisplayName, a.Album.Owner.ArtistSlug)))
            .ToListAsync(cancellationToken);
    }
}
