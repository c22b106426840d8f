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

/// <summary>The one owner of a genre's counts: descendant-inclusive track counts through the closure table (one read
/// of the visible tracks' links, credited to every counted genre above them, never a walk of the tree) and the
/// number of direct subgenres.</summary>
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

        // The counted genres above each tagged genre, from the closure (a few thousand rows at most).
        var above = (await closure.Select(c => new { c.AncestorId, c.DescendantId }).ToListAsync(cancellationToken))
            .ToLookup(c => c.DescendantId, c => c.AncestorId);
        var reached = above.Select(g => g.Key).ToList();

        // The visible tracks' links into those genres, one row each, in track order. Counting them here rather than
        // with COUNT(DISTINCT) grouped over closure x links keeps /genres fast: the grouped query spilled into a
        // temporary B-tree of every (genre, track) pair, 2.6 s at 100,000 tracks against some 60 ms to read the links
        // (bench/run.sh genres).
        var playable = catalog.Visible(viewer).Where(t => t.State == TrackState.Ready).Select(t => t.Id);
        var links = db.TrackGenres.AsNoTracking().Where(l => playable.Contains(l.TrackId));
        if (genreIds is not null)
        {
            links = links.Where(l => reached.Contains(l.GenreId));
        }
        var tracks = new Dictionary<int, int>();
        var seen = new HashSet<int>(); // the genres already credited with the current track: a track counts once
        var current = 0;
        await foreach (var link in links.OrderBy(l => l.TrackId).Select(l => new { l.TrackId, l.GenreId })
                           .AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (link.TrackId != current)
            {
                current = link.TrackId;
                seen.Clear();
            }
            foreach (var ancestor in above[link.GenreId])
            {
                if (seen.Add(ancestor))
                {
                    tracks[ancestor] = tracks.GetValueOrDefault(ancestor) + 1;
                }
            }
        }

        return subgenres.ToDictionary(g => g.Key, g => new GenreCount(tracks.GetValueOrDefault(g.Key), g.Value));
    }
}
