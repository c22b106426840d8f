using Microsoft.EntityFrameworkCore;
using MusicSite.Data;

namespace MusicSite.Catalog;

/// <summary>What a genre page features: the most played tracks and albums of the genre, its subgenres included
/// (<see cref="GenreFilter"/>), among what the viewer may see.</summary>
public sealed class GenreShowcase(MusicSiteDbContext db, TrackCatalog catalog, CatalogTotals totals)
{
    /// <summary>Playable tracks of the genre or a genre below it, most played first, then newest.</summary>
    /// <remarks>For a viewer who sees exactly the listed tracks, the counters choose the plan by the catalog's rule
    /// (<see cref="Narrowing"/>, decisions 0047 and 0048): a genre holding many tracks walks the listed tracks in this
    /// very order (an index on plays, creation and id) and tests each for the genre, stopping at
    /// <paramref name="count"/>; a genre holding few reads its tracks and sorts them here.</remarks>
    public async Task<IReadOnlyList<TrackSummary>> PopularTracksAsync(int genreId, Viewer viewer, int count,
        CancellationToken cancellationToken)
    {
        if (!await catalog.SeesListedOnlyAsync(viewer, cancellationToken))
        {
            return await catalog.SummariesAsync(await Ordered(catalog.ListedFor(viewer, false).InGenre(db, genreId))
                .Take(count).Select(t => t.Id).ToListAsync(cancellationToken), cancellationToken);
        }
        var narrowing = await totals.NarrowingAsync(new TrackQuery(), genreId, true, cancellationToken);
        if (narrowing.GenreCount == 0)
        {
            return [];
        }
        List<int> ids;
        if (narrowing.GenrePlan(count) == FilterPlan.Walk)
        {
            ids = await Ordered(narrowing.Apply(catalog.Listed(), db, count)).Take(count).Select(t => t.Id).ToListAsync(cancellationToken);
        }
        else
        {
            ids = (await catalog.Listed().InGenre(db, genreId).Select(t => new { t.Id, t.PlayCount, t.CreatedAt }).ToListAsync(cancellationToken))
                .OrderByDescending(t => t.PlayCount).ThenByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id).Take(count)
                .Select(t => t.Id).ToList();
        }
        return await catalog.SummariesAsync(ids, cancellationToken);
    }

    private static IQueryable<Track> Ordered(IQueryable<Track> tracks) =>
        tracks.OrderByDescending(t => t.PlayCount).ThenByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id);

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
