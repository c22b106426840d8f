using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MusicSite.Accounts;
using MusicSite.Catalog;
using MusicSite.Data;
using MusicSite.Genres;

namespace MusicSite.Tests.Genres;

/// <summary>
/// The genre tree's reads checked against a brute-force walk of the parent links: for every genre its ancestors
/// (root first), its children, the size of its subtree, and the tracks "in" it (tagged with it or a genre below);
/// for a sample, the catalog query filtered by the genre's slug, name and id.
/// </summary>
internal static class GenreTreeBruteForce
{
    /// <summary>Tracks tagged with one to three random genres: public and ready, or private, or still processing.</summary>
    public static async Task AddTaggedTracksAsync(IServiceProvider services, int count, Random random)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MusicSiteDbContext>();
        var email = $"tree-{Guid.NewGuid():N}@example.com";
        var artist = new AppUser { UserName = email, Email = email, DisplayName = "Tree Artist", CreatedAt = DateTime.UtcNow };
        Assert.True((await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().CreateAsync(artist)).Succeeded);
        var license = await db.Licenses.Select(l => l.Id).FirstAsync();
        var genreIds = await db.Genres.Select(g => g.Id).ToListAsync();
        for (var i = 0; i < count; i++)
        {
            var kind = random.Next(10);
            db.Tracks.Add(new Track
            {
                Title = $"Tree track {i}", ArtistName = artist.DisplayName, LicenseId = license, UploaderId = artist.Id,
                IsPublic = kind != 0, State = kind == 1 ? TrackState.Processing : TrackState.Ready, MediaFolder = "tree",
                CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
                Genres = genreIds.OrderBy(_ => random.Next()).Take(1 + random.Next(3)).Select(id => new TrackGenre { GenreId = id }).ToList(),
            });
        }
        await db.SaveChangesAsync();
    }

    public static async Task AssertAgreesAsync(IServiceProvider services, Random random, int searchSample)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MusicSiteDbContext>();
        var directory = scope.ServiceProvider.GetRequiredService<GenreDirectory>();
        var genres = await db.Genres.AsNoTracking().ToDictionaryAsync(g => g.Id);
        var tracks = await db.Tracks.AsNoTracking()
            .Select(t => new { t.Id, Visible = t.IsPublic && t.DeletedAt == null && t.State == TrackState.Ready, Genres = t.Genres.Select(g => g.GenreId).ToList() })
            .ToListAsync();

        List<int> Ancestors(int id)
        {
            var path = new List<int>();
            for (var at = genres[id].ParentId; at is { } parent; at = genres[parent].ParentId)
            {
                path.Insert(0, parent);
            }
            return path;
        }
        var subtrees = genres.Keys.ToDictionary(id => id, id => new HashSet<int> { id });
        foreach (var id in genres.Keys)
        {
            foreach (var ancestor in Ancestors(id))
            {
                subtrees[ancestor].Add(id);
            }
        }

        // Counts (descendants included, each visible ready track once) as the API's nested tree carries them.
        var tree = await scope.ServiceProvider.GetRequiredService<GenreListings>().TreeAsync(Viewer.Anonymous, CancellationToken.None);
        var entries = new Dictionary<int, GenreEntry>();
        void Flatten(IReadOnlyList<GenreEntry> level, int? parentId)
        {
            foreach (var entry in level)
            {
                Assert.Equal(parentId, entry.ParentId);
                entries.Add(entry.Id, entry);
                Flatten(entry.Children!, entry.Id);
            }
        }
        Flatten(tree, null);
        Assert.Equal(genres.Count, entries.Count);

        foreach (var genre in genres.Values)
        {
            var entry = entries[genre.Id];
            Assert.Equal(tracks.Count(t => t.Visible && t.Genres.Any(subtrees[genre.Id].Contains)), entry.TrackCount);
            Assert.Equal(genres.Values.Count(g => g.ParentId == genre.Id), entry.SubgenreCount);

            var ancestors = await directory.AncestorsAsync(genre.Id, CancellationToken.None);
            Assert.True(Ancestors(genre.Id).SequenceEqual(ancestors!.Select(a => a.Id)), $"ancestors of {genre.Slug}");

            var expectedChildren = genres.Values.Where(g => g.ParentId == genre.Id).Select(g => g.Id).Order().ToList();
            var (children, total) = (await directory.ChildrenAsync(genre.Id, 1, 100, CancellationToken.None))!.Value;
            Assert.Equal(expectedChildren.Count, total);
            Assert.True(expectedChildren.SequenceEqual(children.Select(c => c.Id).Order()), $"children of {genre.Slug}");
            Assert.All(children, c => Assert.Equal(genres.Values.Count(g => g.ParentId == c.Id), c.ChildCount));

            Assert.Equal(subtrees[genre.Id].Count, await db.GenreSubtree(genre.Id).CountAsync());
            var expectedTracks = tracks.Where(t => t.Genres.Any(subtrees[genre.Id].Contains)).Select(t => t.Id).Order().ToList();
            var inGenre = await db.Tracks.InGenre(db, genre.Id).Select(t => t.Id).OrderBy(id => id).ToListAsync();
            Assert.True(expectedTracks.SequenceEqual(inGenre), $"tracks in {genre.Slug}");
        }

        // The catalog query, named three ways, over visible ready tracks only: the roots and a random sample.
        var search = scope.ServiceProvider.GetRequiredService<CatalogSearch>();
        var sample = genres.Values.Where(g => g.ParentId == null).Take(searchSample / 3)
            .Concat(genres.Values.OrderBy(_ => random.Next()).Take(searchSample)).ToList();
        foreach (var genre in sample)
        {
            var expected = tracks.Where(t => t.Visible && t.Genres.Any(subtrees[genre.Id].Contains)).Select(t => t.Id).Order().ToList();
            foreach (var named in new[] { genre.Slug, genre.Name.ToUpperInvariant(), genre.Id.ToString() })
            {
                var found = new List<int>();
                for (var page = 1; ; page++)
                {
                    var result = await search.SearchAsync(new TrackQuery { Genre = named, Page = page, Limit = 100 }, Viewer.Anonymous, CancellationToken.None);
                    Assert.Equal(expected.Count, result.Total);
                    Assert.Equal(genre.Slug, result.Genre?.Slug);
                    found.AddRange(result.Items.Select(t => t.Id));
                    if (result.Items.Count < 100)
                    {
                        break;
                    }
                }
                Assert.True(expected.SequenceEqual(found.Order()), $"catalog filter genre={named}");
            }
        }
    }
}
