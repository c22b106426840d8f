using Microsoft.EntityFrameworkCore;
using MusicSite.Catalog;
using MusicSite.Data;

namespace MusicSite.Genres;

/// <summary>How much a genre holds: <see cref="Tracks"/> counts the playable tracks the viewer may see that are
/// tagged with the genre or any genre below it (a track with two genres of the subtree counts once);
/// <see cref="Subgenres"/> counts its direct children.</summary>
public sealed record GenreCount(int Tracks, int Subgenres)
{
    public static readonly GenreCount None = new(0, 0);

    /// <summary>"12 tracks · 3 subgenres"; the subgenres part only when there are any.</summary>
    public string InWords => Subgenres == 0 ? TracksInWords : $"{TracksInWords} · {SubgenresInWords}";

    public string TracksInWords => Tracks == 1 ? "1 track" : $"{Tracks} tracks";

    public string SubgenresInWords => Subgenres == 1 ? "1 subgenre" : $"{Subgenres} subgenres";
}

/// <summary>The one owner of a genre's counts: descendant-inclusive track counts through the closure table (one
/// grouped query for any number of genres, never a walk of the tree) and the number of direct subgenres.</summary>
public sealed class GenreCounts(MusicSiteDbContext db, TrackCatalog catalog)
{
    /// <summary>The counts of every genre of the tree (genres without tracks included, with 0).</summary>
    public Task<IReadOnlyDictionary<int, GenreCount>> AllAsync(Viewer viewer, CancellationToken cancellationToken) =>
        CountAsync(null, viewer, cancellationToken);

    /// <summary>The counts of the given genres; an unknown id is left out.</summary>
    public Task<IReadOnlyDictionary<int, GenreCount>> ForAsync(IReadOnlyCollection<int> genreIds, Viewer viewer,
        CancellationToken cancellationToken) =>
        CountAsync(genreIds, viewer, cancellationToken);

    /// <summary>The counts of one genre (<see cref="GenreCount.None"/> for an unknown id).</summary>
    public async Task<GenreCount> OfAsync(int genreId, Viewer viewer, CancellationToken cancellationToken) =>
        (await CountAsync([genreId], viewer, cancellationToken)).GetValueOrDefault(genreId, GenreCount.None);

    private async Task<IReadOnlyDictionary<int, GenreCount>> CountAsync(IReadOnlyCollection<int>? genreIds, Viewer viewer,
        CancellationToken cancellationToken)
    {
        var genres = db.Genres.AsNoTracking();
        var closure = db.GenreClosure.AsNoTracking();
        if (genreIds is not null)
        {
            var ids = genreIds.Distinct().ToList();
            genres = genres.Where(g => ids.Contains(g.Id));
            closure = closure.Where(c => ids.Contains(c.AncestorId));
        }
        var subgenres = await genres.Select(g => new { g.Id, Children = g.Children.Count })
            .ToDictionaryAsync(g => g.Id, g => g.Children, cancellationToken);

        // Each (ancestor, track) pair once: a track tagged with two genres of one subtree reaches the ancestor twice.
        var playable = catalog.Visible(viewer).Where(t => t.State == TrackState.Ready);
        var tracks = await (
                from c in closure
                join link in db.TrackGenres on c.DescendantId equals link.GenreId
                join track in playable on link.TrackId equals track.Id
                group link.TrackId by c.AncestorId into g
                select new { GenreId = g.Key, Tracks = g.Distinct().Count() })
            .ToDictionaryAsync(g => g.GenreId, g => g.Tracks, cancellationToken);

        return subgenres.ToDictionary(g => g.Key, g => new GenreCount(tracks.GetValueOrDefault(g.Key), g.Value));
    }
}
