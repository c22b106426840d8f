using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MusicSite.Catalog;
using MusicSite.Data;
using MusicSite.Genres;
using MusicSite.Tests.Artists;

namespace MusicSite.Tests.Genres;

/// <summary>Descendant-inclusive track counts and subgenre counts on the seeded tree, checked against a brute-force
/// walk up the parent links for every genre and three kinds of viewer.</summary>
public sealed class GenreCountsTests(ReferenceDataFixture core) : IClassFixture<ReferenceDataFixture>
{
    private sealed record Row(int Id, int UploaderId, bool IsPublic, bool Ready, bool Deleted, int[] Genres);

    [Fact]
    public async Task AllAsync_AgreesWithBruteForceWalk_ForEveryViewer()
    {
        var (rows, parents, users) = await SeedAsync(seed: 11);
        await using var scope = core.Scope();
        var counts = scope.ServiceProvider.GetRequiredService<GenreCounts>();
        foreach (var viewer in new[] { Viewer.Anonymous, new Viewer(users[0], false), new Viewer(users[1], true) })
        {
            var actual = await counts.AllAsync(viewer, CancellationToken.None);
            Assert.Equal(parents.Keys.Order(), actual.Keys.Order());
            foreach (var id in parents.Keys)
            {
                Assert.Equal(Expected(id, rows, parents, viewer), actual[id]);
            }
        }
    }

    [Fact]
    public async Task ForAsync_CountsOnlyTheAskedGenres_AndAgreesWithAllAsync()
    {
        var (_, parents, users) = await SeedAsync(seed: 12);
        await using var scope = core.Scope();
        var counts = scope.ServiceProvider.GetRequiredService<GenreCounts>();
        var viewer = new Viewer(users[2], false);
        var all = await counts.AllAsync(viewer, CancellationToken.None);
        var asked = parents.Keys.Where(id => id % 7 == 0).Append(int.MaxValue).ToList();
        var some = await counts.ForAsync(asked, viewer, CancellationToken.None);
        Assert.Equal(asked.Where(parents.ContainsKey).Order(), some.Keys.Order());
        Assert.All(some, pair => Assert.Equal(all[pair.Key], pair.Value));
        Assert.Equal(GenreCount.None, await counts.OfAsync(int.MaxValue, viewer, CancellationToken.None));
    }

    [Fact]
    public async Task OfAsync_TrackTaggedWithParentAndChild_CountsOnce()
    {
        await using var scope = core.Scope();
        var db = scope.ServiceProvider.GetRequiredService<MusicSiteDbContext>();
        var token = ArtistRows.Token();
        var parent = new Genre { Name = $"Parent {token}", Slug = $"parent-{token}" };
        var child = new Genre { Name = $"Child {token}", Slug = $"child-{token}", Parent = parent };
        var grandchild = new Genre { Name = $"Grandchild {token}", Slug = $"grandchild-{token}", Parent = child };
        db.Genres.AddRange(parent, child, grandchild);
        await db.SaveChangesAsync();
        var user = await ArtistRows.UserAsync(core.Services, "Counter");
        var both = await ArtistRows.TrackAsync(core.Services, user, "Both");
        var deep = await ArtistRows.TrackAsync(core.Services, user, "Deep");
        db.TrackGenres.AddRange(new TrackGenre { TrackId = both, GenreId = parent.Id }, new TrackGenre { TrackId = both, GenreId = grandchild.Id },
            new TrackGenre { TrackId = deep, GenreId = grandchild.Id });
        await db.SaveChangesAsync();

        var counts = scope.ServiceProvider.GetRequiredService<GenreCounts>();
        Assert.Equal(new GenreCount(2, 1), await counts.OfAsync(parent.Id, Viewer.Anonymous, CancellationToken.None));
        Assert.Equal(new GenreCount(2, 1), await counts.OfAsync(child.Id, Viewer.Anonymous, CancellationToken.None));
        Assert.Equal(new GenreCount(2, 0), await counts.OfAsync(grandchild.Id, Viewer.Anonymous, CancellationToken.None));
    }

    [Theory]
    [InlineData(0, 0, "0 tracks")]
    [InlineData(1, 0, "1 track")]
    [InlineData(12, 3, "12 tracks · 3 subgenres")]
    [InlineData(0, 1, "0 tracks · 1 subgenre")]
    public void InWords_SaysTracksAndSubgenres(int tracks, int subgenres, string expected) =>
        Assert.Equal(expected, new GenreCount(tracks, subgenres).InWords);

    private static GenreCount Expected(int genreId, List<Row> rows, Dictionary<int, int?> parents, Viewer viewer)
    {
        bool Below(int tagged)
        {
            for (int? at = tagged; at is { } current; at = parents[current])
            {
                if (current == genreId)
                {
                    return true;
                }
            }
            return false;
        }
        var tracks = rows.Count(r => r.Ready && !r.Deleted && (viewer.IsAdmin || r.IsPublic || r.UploaderId == viewer.UserId)
                                     && r.Genres.Any(Below));
        return new GenreCount(tracks, parents.Values.Count(p => p == genreId));
    }

    /// <summary>Tracks of every kind (private, pending, deleted) on random genres of the whole tree. Each test
    /// class shares one database, so the brute force reads back every row that is there, not only its own.</summary>
    private async Task<(List<Row> Rows, Dictionary<int, int?> Parents, List<int> Users)> SeedAsync(int seed)
    {
        var users = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            users.Add(await ArtistRows.UserAsync(core.Services, $"Uploader {i}"));
        }
        await using var scope = core.Scope();
        var db = scope.ServiceProvider.GetRequiredService<MusicSiteDbContext>();
        var genreIds = await db.Genres.Select(g => g.Id).ToListAsync();
        var license = await db.Licenses.FirstAsync();
        var random = new Random(seed);
        for (var i = 0; i < 400; i++)
        {
            var when = DateTime.UtcNow;
            db.Tracks.Add(new Track
            {
                Title = $"Counted {i}", ArtistName = "Counted", LicenseId = license.Id, UploaderId = users[random.Next(users.Count)],
                IsPublic = random.Next(5) != 0, State = random.Next(8) == 0 ? TrackState.Processing : TrackState.Ready,
                DeletedAt = random.Next(15) == 0 ? when : null, MediaFolder = Guid.NewGuid().ToString("N"), CreatedAt = when, UpdatedAt = when,
                Genres = genreIds.OrderBy(_ => random.Next()).Take(random.Next(0, 4)).Select(id => new TrackGenre { GenreId = id }).ToList(),
            });
        }
        await db.SaveChangesAsync();
        var parents = await db.Genres.AsNoTracking().ToDictionaryAsync(g => g.Id, g => g.ParentId);
        var rows = await db.Tracks.AsNoTracking()
            .Select(t => new Row(t.Id, t.UploaderId, t.IsPublic, t.State == TrackState.Ready, t.DeletedAt != null,
                t.Genres.Select(g => g.GenreId).ToArray()))
            .ToListAsync();
        return (rows, parents, users);
    }
}
