using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MusicSite.Catalog;
using MusicSite.Data;
using MusicSite.Genres;
using MusicSite.Tests.Artists;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Genres;

/// <summary>The seeded genre tree with a random catalog on it (public, private, pending and deleted tracks, some
/// with two genres of one subtree) plus a few named rows the genre pages must show or hide, and an old slug.</summary>
public sealed class GenrePagesFixture : MusicSiteFactory, IAsyncLifetime
{
    public sealed record Row(bool Visible, int[] Genres);

    public const string RetiredSlug = "deep-house-classics";
    public List<Row> Rows { get; } = [];
    public Dictionary<int, int?> Parents { get; } = [];
    public Dictionary<int, string> Names { get; } = [];
    public Dictionary<string, int> Ids { get; } = [];

    public async Task InitializeAsync()
    {
        var artist = await ArtistRows.UserAsync(Services, "Genre Artist");
        var other = await ArtistRows.UserAsync(Services, "Other Artist");
        var deepAlbum = await ArtistRows.AlbumAsync(Services, artist, "Deep Album");
        var hiddenAlbum = await ArtistRows.AlbumAsync(Services, other, "Hidden Album");
        var deepCut = await ArtistRows.TrackAsync(Services, artist, "Deep Cut", plays: 40, albumId: deepAlbum);
        var hiddenCut = await ArtistRows.TrackAsync(Services, other, "Hidden Cut", isPublic: false, plays: 90, albumId: hiddenAlbum);
        var crossover = await ArtistRows.TrackAsync(Services, other, "Crossover");

        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MusicSiteDbContext>();
        foreach (var g in await db.Genres.AsNoTracking().ToListAsync())
        {
            Parents[g.Id] = g.ParentId;
            Names[g.Id] = g.Name;
            Ids[g.Slug] = g.Id;
        }
        db.TrackGenres.AddRange(new TrackGenre { TrackId = deepCut, GenreId = Ids["deep-house"] },
            new TrackGenre { TrackId = hiddenCut, GenreId = Ids["house"] },
            new TrackGenre { TrackId = crossover, GenreId = Ids["deep-house"] }, new TrackGenre { TrackId = crossover, GenreId = Ids["boom-bap"] });
        db.AlbumGenres.AddRange(new AlbumGenre { AlbumId = deepAlbum, GenreId = Ids["deep-house"] },
            new AlbumGenre { AlbumId = hiddenAlbum, GenreId = Ids["house"] });
        db.RetiredGenreSlugs.Add(new RetiredGenreSlug { Slug = RetiredSlug, GenreId = Ids["deep-house"], RetiredAt = DateTime.UtcNow });

        // Tracks on a few subtrees, so that counts add up across levels and a track with two related genres is common.
        int[] pool = [.. Ids.Where(p => p.Key.Contains("house") || p.Key.Contains("techno") || p.Key.Contains("jazz")).Select(p => p.Value),
            Ids["electronic"], Ids["ambient"]];
        var license = await db.Licenses.FirstAsync();
        var random = new Random(9);
        for (var i = 0; i < 150; i++)
        {
            var when = DateTime.UtcNow.AddMinutes(-i);
            db.Tracks.Add(new Track
            {
                Title = $"Random {i}", ArtistName = "Random", LicenseId = license.Id, UploaderId = random.Next(2) == 0 ? artist : other,
                IsPublic = random.Next(5) != 0, State = random.Next(8) == 0 ? TrackState.Pending : TrackState.Ready,
                DeletedAt = random.Next(15) == 0 ? when : null, MediaFolder = Guid.NewGuid().ToString("N"), CreatedAt = when, UpdatedAt = when,
                Genres = pool.OrderBy(_ => random.Next()).Take(random.Next(0, 3)).Select(id => new TrackGenre { GenreId = id }).ToList(),
            });
        }
        await db.SaveChangesAsync();
        Rows.AddRange(await db.Tracks.AsNoTracking()
            .Select(t => new Row(t.IsPublic && t.State == TrackState.Ready && t.DeletedAt == null, t.Genres.Select(g => g.GenreId).ToArray()))
            .ToListAsync());
    }

    /// <summary>True when <paramref name="genreId"/> is <paramref name="ancestorId"/> or below it (a walk up the parents).</summary>
    public bool IsUnder(int genreId, int ancestorId)
    {
        for (int? at = genreId; at is { } current; at = Parents[current])
        {
            if (current == ancestorId)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>What an anonymous visitor should read beside a genre, counted by brute force.</summary>
    public GenreCount Expected(int genreId) =>
        new(Rows.Count(r => r.Visible && r.Genres.Any(g => IsUnder(g, genreId))), Parents.Values.Count(p => p == genreId));

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
}
