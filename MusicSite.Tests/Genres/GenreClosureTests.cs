using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MusicSite.Data;
using MusicSite.Genres;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Genres;

/// <summary>The closure table is kept by triggers: after inserts, moves and deletes it holds exactly the pairs
/// (ancestor, descendant, depth) that a walk up the parent links finds.</summary>
public sealed class GenreClosureTests(CoreServicesFixture core) : IClassFixture<CoreServicesFixture>
{
    [Fact]
    public async Task Closure_FollowsInsertsMovesAndDeletes()
    {
        await using var scope = core.Scope();
        var db = scope.ServiceProvider.GetRequiredService<MusicSiteDbContext>();
        var random = new Random(7);
        var genres = new List<Genre>();
        for (var i = 0; i < 60; i++)
        {
            var genre = new Genre { Name = $"Closure {i}", Slug = $"closure-{i}", Parent = i == 0 || random.Next(5) == 0 ? null : genres[random.Next(genres.Count)] };
            genres.Add(genre);
            db.Genres.Add(genre);
        }
        await db.SaveChangesAsync();
        await AssertClosureMatchesWalkAsync(db);

        // Moves: each genre under a random genre that is not in its own subtree (or to the top).
        for (var i = 0; i < 40; i++)
        {
            var genre = genres[random.Next(genres.Count)];
            var subtree = Subtree(genres, genre);
            var candidates = genres.Where(g => !subtree.Contains(g)).ToList();
            genre.Parent = candidates.Count == 0 || random.Next(6) == 0 ? null : candidates[random.Next(candidates.Count)];
            genre.ParentId = genre.Parent?.Id;
            await db.SaveChangesAsync();
        }
        await AssertClosureMatchesWalkAsync(db);

        // Deletes of leaves cascade away their rows.
        var leaves = genres.Where(g => genres.All(c => c.Parent != g)).Take(5).ToList();
        db.Genres.RemoveRange(leaves);
        await db.SaveChangesAsync();
        await AssertClosureMatchesWalkAsync(db);
    }

    private static HashSet<Genre> Subtree(List<Genre> all, Genre root)
    {
        var result = new HashSet<Genre> { root };
        bool grew;
        do
        {
            grew = false;
            foreach (var g in all)
            {
                if (g.Parent is not null && result.Contains(g.Parent) && result.Add(g))
                {
                    grew = true;
                }
            }
        } while (grew);
        return result;
    }

    private static async Task AssertClosureMatchesWalkAsync(MusicSiteDbContext db)
    {
        var parents = await db.Genres.AsNoTracking().ToDictionaryAsync(g => g.Id, g => g.ParentId);
        var expected = new SortedSet<(int, int, int)>();
        foreach (var id in parents.Keys)
        {
            var depth = 0;
            for (int? at = id; at is { } current; at = parents[current], depth++)
            {
                expected.Add((current, id, depth));
            }
        }
        var actual = new SortedSet<(int, int, int)>((await db.GenreClosure.AsNoTracking().ToListAsync())
            .Select(c => (c.AncestorId, c.DescendantId, c.Depth)));
        Assert.Equal(expected, actual);
    }
}
