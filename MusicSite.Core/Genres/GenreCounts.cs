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
/// <remarks>A viewer who sees exactly the listed tracks reads the database's counters (<see cref="CatalogCounters"/>,
/// per genre with its subtree, a track once): a key lookup per genre. Admins and uploaders with private tracks get
/// theirs counted from the links (decision 0048).</remarks>
public sealed class GenreCounts(MusicSiteDbContext db, TrackCatalog catalog, CatalogCounters counters, GenreDirectory genres)
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
        // The tree itself is small (a few thousand genres and closure rows at most): it is read whole and narrowed here.
        // An id list sent to SQLite as a parameter was probed once per link row: 45 s for /genres?q= at 100,000 tracks.
        var wanted = genreIds?.ToHashSet();
        var subgenres = (await db.Genres.AsNoTracking().Select(g => new { g.Id, Children = g.Children.Count }).ToListAsync(cancellationToken))
            .Where(g => wanted is null || wanted.Contains(g.Id))
            .ToDictionary(g => g.Id, g => g.Children);
        if (await catalog.SeesListedOnlyAsync(viewer, cancellationToken))
        {
            var counted = await counters.OfKindAsync(CounterKind.Genre, cancellationToken);
            return subgenres.ToDictionary(g => g.Key, g => new GenreCount(counted.GetValueOrDefault(g.Key), g.Value));
        }

        // The counted genres at or above each genre, from the kept closure.
        var above = (await genres.AtOrAboveAsync(cancellationToken)).ToDictionary(g => g.Key,
            g => wanted is null ? g.Value : g.Value.Where(wanted.Contains).ToArray());

        // Every link of a visible, playable track, in track order, read once. Counting here rather than with
        // COUNT(DISTINCT) grouped over closure x links keeps /genres fast: the grouped query spilled every
        // (genre, track) pair into a temporary B-tree, 2.6 s at 100,000 tracks, where reading the links takes some
        // 60 ms (bench/run.sh genres).
        var playable = catalog.Visible(viewer).Where(t => t.State == TrackState.Ready).Select(t => t.Id);
        var links = db.TrackGenres.AsNoTracking().Where(l => playable.Contains(l.TrackId))
            .OrderBy(l => l.TrackId).Select(l => new { l.TrackId, l.GenreId });
        var tracks = new Dictionary<int, int>();
        var seen = new HashSet<int>(); // the genres already credited with the current track: a track counts once
        var current = 0;
        await foreach (var link in links.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (link.TrackId != current)
            {
                current = link.TrackId;
                seen.Clear();
            }
            foreach (var ancestor in above.GetValueOrDefault(link.GenreId, []))
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
