using Microsoft.Extensions.DependencyInjection;
using MusicSite.Catalog;
using MusicSite.Data;
using MusicSite.Genres;
using MusicSite.Tests.Artists;

namespace MusicSite.Tests.Genres;

/// <summary>Ancestors, children, subtree sizes and genre filtering agree with a brute-force walk over the seeded tree.</summary>
public sealed class SeededGenreTreeAgreementTests(ReferenceDataFixture core) : IClassFixture<ReferenceDataFixture>
{
    [Fact]
    public async Task SeededTree_ReadsAgreeWithBruteForceWalk()
    {
        var random = new Random(11);
        await GenreTreeBruteForce.AddTaggedTracksAsync(core.Services, 800, random);

        await GenreTreeBruteForce.AssertAgreesAsync(core.Services, random, searchSample: 40);
    }

    [Fact]
    public async Task CatalogFilter_UnknownGenre_MatchesNothing()
    {
        await GenreTreeBruteForce.AddTaggedTracksAsync(core.Services, 5, new Random(3));
        await using var scope = core.Scope();
        var search = scope.ServiceProvider.GetRequiredService<CatalogSearch>();

        var result = await search.SearchAsync(new TrackQuery { Genre = "no-such-genre" }, Viewer.Anonymous, CancellationToken.None);

        Assert.Equal(0, result.Total);
        Assert.Null(result.Genre);
    }
}

/// <summary>The same agreement over a random tree of 2,000 genres (deep and wide), after some of them moved.</summary>
[Trait("Category", "Slow")]
public sealed class RandomGenreTreeAgreementTests(ReferenceDataFixture core) : IClassFixture<ReferenceDataFixture>
{
    [Fact]
    public async Task RandomTreeOf2000_ReadsAgreeWithBruteForceWalk()
    {
        var random = new Random(2000);
        await using (var scope = core.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MusicSiteDbContext>();
            var added = new List<Genre>();
            for (var i = 0; i < 2000; i++)
            {
                // Mostly under a recent genre (deep chains), sometimes under any (wide), now and then a new root.
                var parent = added.Count == 0 || random.Next(20) == 0 ? null
                    : random.Next(2) == 0 ? added[Math.Max(0, added.Count - 1 - random.Next(5))] : added[random.Next(added.Count)];
                var genre = new Genre { Name = $"Random {i}", Slug = $"random-{i}", Parent = parent };
                added.Add(genre);
                db.Genres.Add(genre);
                if (i % 250 == 249)
                {
                    await db.SaveChangesAsync();
                }
            }
            await db.SaveChangesAsync();
            // Moves keep the closure (and so every read) right: each under a genre outside its own subtree.
            for (var i = 0; i < 50; i++)
            {
                var genre = added[random.Next(added.Count)];
                var target = added[random.Next(added.Count)];
                if (!db.GenreSubtree(genre.Id).Contains(target.Id))
                {
                    genre.Parent = target;
                    genre.ParentId = target.Id;
                    await db.SaveChangesAsync();
                }
            }
        }
        await GenreTreeBruteForce.AddTaggedTracksAsync(core.Services, 3000, random);

        await GenreTreeBruteForce.AssertAgreesAsync(core.Services, random, searchSample: 30);
    }
}
