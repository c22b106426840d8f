using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MusicSite.Accounts;
using MusicSite.Catalog;
using MusicSite.Data;
using MusicSite.Genres;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Genres;

/// <summary>GET /api/genres (nested and flat), /tree, /{id}/related and /popular on the seeded tree over HTTP.</summary>
public sealed class GenreListApiTests(MusicSiteFactory site) : IClassFixture<MusicSiteFactory>
{
    [Fact]
    public async Task List_ByDefault_IsTopLevelGenresWithTheirSubtreesAndCounts()
    {
        await TrackAsync(true, "rockabilly");
        await TrackAsync(true, "rock-and-roll", "rockabilly"); // counted once for Rock and Roll and for Rock
        await TrackAsync(false, "rockabilly"); // private: not counted

        var list = await (await site.CreateClient().GetAsync("/api/genres?limit=100")).JsonAsync();

        var roots = list.GetProperty("data").EnumerateArray().ToList();
        Assert.All(roots, r => Assert.Equal(JsonValueKind.Null, r.GetProperty("parentId").ValueKind));
        Assert.Equal(await CountAsync(g => g.ParentId == null), list.GetProperty("meta").GetProperty("total").GetInt32());
        var rock = roots.Single(r => r.GetProperty("slug").GetString() == "rock");
        var rockAndRoll = Child(rock, "rock-and-roll");
        var rockabilly = Child(rockAndRoll, "rockabilly");
        Assert.Equal(2, rock.GetProperty("trackCount").GetInt32());
        Assert.Equal(2, rockAndRoll.GetProperty("trackCount").GetInt32());
        Assert.Equal(2, rockabilly.GetProperty("trackCount").GetInt32());
        Assert.Equal(0, Child(rock, "hard-rock").GetProperty("trackCount").GetInt32());
        Assert.Equal(rock.GetProperty("children").GetArrayLength(), rock.GetProperty("subgenreCount").GetInt32());
        Assert.Equal(await CountAsync(g => g.Parent!.Slug == "rock"), rock.GetProperty("subgenreCount").GetInt32());
    }

    [Fact]
    public async Task List_Flat_IsEveryGenrePagedWithoutChildren()
    {
        var list = await (await site.CreateClient().GetAsync("/api/genres?flat=true&limit=100&page=2")).JsonAsync();

        Assert.Equal(await CountAsync(_ => true), list.GetProperty("meta").GetProperty("total").GetInt32());
        Assert.Equal(100, list.GetProperty("data").GetArrayLength());
        Assert.All(list.GetProperty("data").EnumerateArray(), g => Assert.Equal(JsonValueKind.Null, g.GetProperty("children").ValueKind));
    }

    [Fact]
    public async Task Tree_IsTheWholeTreeWithCounts()
    {
        var tree = await (await site.CreateClient().GetAsync("/api/genres/tree")).JsonAsync();

        var count = 0;
        void Walk(JsonElement level)
        {
            foreach (var node in level.EnumerateArray())
            {
                count++;
                Assert.Equal(node.GetProperty("children").GetArrayLength(), node.GetProperty("subgenreCount").GetInt32());
                Assert.True(node.GetProperty("trackCount").GetInt32() >= 0);
                Walk(node.GetProperty("children"));
            }
        }
        Walk(tree);
        Assert.Equal(await CountAsync(_ => true), count);
    }

    [Fact]
    public async Task Related_OfHouse_ExplainsEachItem()
    {
        await TrackAsync(true, "tech-house", "techno");
        await TrackAsync(true, "house", "techno");

        var related = await (await site.CreateClient().GetAsync($"/api/genres/{await GenreIdAsync("house")}/related")).JsonAsync();

        var items = related.GetProperty("data").EnumerateArray().ToList();
        var techno = items.Single(i => i.GetProperty("slug").GetString() == "techno");
        Assert.Contains("shares 2 tracks", techno.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(2, techno.GetProperty("sharedTracks").GetInt32());
        Assert.DoesNotContain(items, i => i.GetProperty("slug").GetString() is "tech-house" or "electronic");
        var scores = items.Select(i => i.GetProperty("score").GetDouble()).ToList();
        Assert.Equal(scores.OrderDescending(), scores);
        Assert.All(items, i => Assert.NotEqual(0, i.GetProperty("reasons").GetArrayLength()));
    }

    [Fact]
    public async Task Related_SeededCrossLinks_AreCurated()
    {
        await using var scope = site.Services.CreateAsyncScope();
        var relation = await scope.ServiceProvider.GetRequiredService<MusicSiteDbContext>().GenreRelations.FirstAsync();

        var related = await (await site.CreateClient().GetAsync($"/api/genres/{relation.FromGenreId}/related?limit=100")).JsonAsync();

        var item = related.GetProperty("data").EnumerateArray().Single(i => i.GetProperty("id").GetInt32() == relation.ToGenreId);
        Assert.Equal("curated", item.GetProperty("reasons")[0].GetString());
        Assert.Equal(relation.Weight, item.GetProperty("weight").GetDouble());
    }

    [Fact]
    public async Task Popular_CountsPlaysOfVisibleTracks_AndDefaultsToThirtyDays()
    {
        var played = await TrackAsync(true, "bebop");
        var hidden = await TrackAsync(false, "cool-jazz");
        await PlaysAsync(played, 50, DateTime.UtcNow.AddDays(-1));
        await PlaysAsync(hidden, 500, DateTime.UtcNow.AddDays(-1));
        await PlaysAsync(played, 1000, DateTime.UtcNow.AddDays(-45));

        var month = await (await site.CreateClient().GetAsync("/api/genres/popular")).JsonAsync();
        var twoMonths = await (await site.CreateClient().GetAsync("/api/genres/popular?days=60")).JsonAsync();

        var first = month.GetProperty("data")[0];
        Assert.Equal("bebop", first.GetProperty("slug").GetString());
        Assert.Equal(50, first.GetProperty("plays").GetInt32());
        Assert.DoesNotContain(month.GetProperty("data").EnumerateArray(), g => g.GetProperty("slug").GetString() == "cool-jazz");
        Assert.Equal(1050, twoMonths.GetProperty("data")[0].GetProperty("plays").GetInt32());
    }

    [Theory]
    [InlineData("/api/genres/popular?days=0", "days")]
    [InlineData("/api/genres/popular?days=366", "days")]
    [InlineData("/api/genres/popular?limit=0", "limit")]
    [InlineData("/api/genres?limit=101", "limit")]
    [InlineData("/api/genres?flat=true&page=0", "page")]
    [InlineData("/api/genres/1/related?limit=0", "limit")]
    public async Task BadNumbers_Are400WithTheField(string path, string field)
    {
        var problem = await (await site.CreateClient().GetAsync(path)).ProblemAsync(400, "VALIDATION_FAILED");

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task Related_UnknownGenre_Is404() =>
        await (await site.CreateClient().GetAsync("/api/genres/999999/related")).ProblemAsync(404, "GENRE_NOT_FOUND");

    private static JsonElement Child(JsonElement genre, string slug) =>
        genre.GetProperty("children").EnumerateArray().Single(c => c.GetProperty("slug").GetString() == slug);

    private async Task<int> CountAsync(System.Linq.Expressions.Expression<Func<Genre, bool>> filter)
    {
        await using var scope = site.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<MusicSiteDbContext>().Genres.CountAsync(filter);
    }

    private async Task<int> GenreIdAsync(string slug)
    {
        await using var scope = site.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<MusicSiteDbContext>().Genres.Where(g => g.Slug == slug).Select(g => g.Id).SingleAsync();
    }

    private async Task<int> TrackAsync(bool isPublic, params string[] slugs)
    {
        await using var scope = site.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MusicSiteDbContext>();
        var email = $"lists-{Guid.NewGuid():N}@example.com";
        var owner = new AppUser { UserName = email, Email = email, DisplayName = "List Artist", CreatedAt = DateTime.UtcNow };
        Assert.True((await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().CreateAsync(owner)).Succeeded);
        var genreIds = await db.Genres.Where(g => slugs.Contains(g.Slug)).Select(g => g.Id).ToListAsync();
        var track = new Track
        {
            Title = "Listed", ArtistName = owner.DisplayName, LicenseId = await db.Licenses.Select(l => l.Id).FirstAsync(), UploaderId = owner.Id,
            IsPublic = isPublic, State = TrackState.Ready, MediaFolder = "lists", CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
            Genres = genreIds.Select(id => new TrackGenre { GenreId = id }).ToList(),
        };
        db.Tracks.Add(track);
        await db.SaveChangesAsync();
        return track.Id;
    }

    private async Task PlaysAsync(int trackId, int count, DateTime at)
    {
        await using var scope = site.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MusicSiteDbContext>();
        for (var i = 0; i < count; i++)
        {
            db.PlayEvents.Add(new PlayEvent { TrackId = trackId, ListenerKey = $"list-{Guid.NewGuid():N}", HalfHour = 0, PlayedAt = at });
        }
        await db.SaveChangesAsync();
    }
}
