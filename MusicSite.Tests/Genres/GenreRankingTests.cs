using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MusicSite.Accounts;
using MusicSite.Catalog;
using MusicSite.Data;
using MusicSite.Genres;
using MusicSite.Tests.Artists;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Genres;

/// <summary>The related and popular rankings on constructed genres, tracks and plays, with the scores worked out by hand.</summary>
public sealed class GenreRankingTests(ReferenceDataFixture core) : IClassFixture<ReferenceDataFixture>
{
    private static readonly DateTimeOffset Now = new(2026, 6, 15, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Related_CombinesCuratedWeightWithCooccurrence_BestFirst_WithReasons()
    {
        var g = await GenresAsync("rel", ("a", null), ("a1", "a"), ("b", null), ("c", null), ("d", null), ("e", null));
        await RelateAsync(g["d"], g["a"], 0.5); // stored from D to A: read from both sides
        var owner = await UserAsync();
        for (var i = 0; i < 4; i++)
        {
            await TrackAsync(owner, true, g["a"], g["b"]);
        }
        await TrackAsync(owner, true, g["a1"], g["c"]); // in A through its subgenre
        await TrackAsync(owner, true, g["a"]);
        await TrackAsync(owner, true, g["a"], g["a1"]); // A1 is A's family, never its relation
        await TrackAsync(owner, true, g["a"], g["d"]);
        await TrackAsync(owner, true, g["b"]);
        await TrackAsync(owner, true, g["b"]);
        await TrackAsync(owner, false, g["a"], g["e"]); // private: only its owner sees E related

        var ranked = await RelatedAsync(g["a"], Viewer.Anonymous);

        // A holds 8 visible tracks. D: 0.5 + 1/√(8·1); B: 4/√(8·6); C: 1/√(8·1).
        Assert.Equal([g["d"], g["b"], g["c"]], ranked.Select(r => r.Id));
        Assert.Equal(Math.Round(0.5 + 1 / Math.Sqrt(8), 4), ranked[0].Score);
        Assert.Equal(Math.Round(4 / Math.Sqrt(48), 4), ranked[1].Score);
        Assert.Equal(Math.Round(1 / Math.Sqrt(8), 4), ranked[2].Score);
        Assert.Equal(["curated", "shares 1 track"], ranked[0].Reasons);
        Assert.Equal(["shares 4 tracks"], ranked[1].Reasons);
        Assert.Equal((GenreRelationKind?)GenreRelationKind.Similar, ranked[0].Kind);
        Assert.Null(ranked[1].Kind);
        Assert.Contains(g["e"], (await RelatedAsync(g["a"], new Viewer(owner, false))).Select(r => r.Id));
    }

    [Fact]
    public async Task Related_CuratedOnly_RanksByWeight_AndUnknownGenreIsNull()
    {
        var g = await GenresAsync("cur", ("x", null), ("y", null), ("z", null));
        await RelateAsync(g["x"], g["y"], 0.3);
        await RelateAsync(g["z"], g["x"], 0.9);

        var ranked = await RelatedAsync(g["x"], Viewer.Anonymous);

        Assert.Equal([g["z"], g["y"]], ranked.Select(r => r.Id));
        Assert.All(ranked, r => Assert.Equal(["curated"], r.Reasons));
        await using var scope = core.Scope();
        Assert.Null(await scope.ServiceProvider.GetRequiredService<RelatedGenres>().RankAsync(999_999, Viewer.Anonymous, default));
    }

    [Fact]
    public async Task Popular_ByPlaysInTheWindow_ThenTrackCount_VisibleReadyTracksOnly()
    {
        var g = await GenresAsync("pop", ("p1", null), ("p2", null), ("p3", null), ("p4", null), ("p5", "p1"), ("p6", null));
        var owner = await UserAsync();
        var t1 = await TrackAsync(owner, true, g["p1"]);
        var t2 = await TrackAsync(owner, true, g["p2"]);
        await TrackAsync(owner, true, g["p2"]);
        var t4 = await TrackAsync(owner, true, g["p3"]);
        var t5 = await TrackAsync(owner, false, g["p4"]);
        var t6 = await TrackAsync(owner, true, g["p5"]);
        var t7 = await TrackAsync(owner, true, g["p6"], state: TrackState.Processing);
        await PlaysAsync(t1, 3, Now.AddDays(-2));
        await PlaysAsync(t2, 1, Now.AddDays(-3));
        await PlaysAsync(t6, 2, Now.AddDays(-4));
        await PlaysAsync(t4, 10, Now.AddDays(-40));
        await PlaysAsync(t5, 5, Now.AddDays(-1)); // private
        await PlaysAsync(t7, 5, Now.AddDays(-1)); // not ready

        var month = await PopularAsync(g, 30);
        var twoMonths = await PopularAsync(g, 60);
        var today = await PopularAsync(g, 1);

        // A play counts for the track's own genres: P5's plays are not P1's.
        Assert.Equal([("p1", 3, 1), ("p5", 2, 1), ("p2", 1, 2), ("p3", 0, 1)], month);
        Assert.Equal([("p3", 10, 1), ("p1", 3, 1), ("p5", 2, 1), ("p2", 1, 2)], twoMonths);
        // No plays in the window: track count, then name.
        Assert.Equal([("p2", 0, 2), ("p1", 0, 1), ("p3", 0, 1), ("p5", 0, 1)], today);
    }

    [Fact]
    public async Task HomeGenres_AreThePopularGenres()
    {
        var g = await GenresAsync("home", ("h1", null), ("h2", null));
        var owner = await UserAsync();
        var played = await TrackAsync(owner, true, g["h2"]);
        await TrackAsync(owner, true, g["h1"]);
        await TrackAsync(owner, true, g["h1"]);
        await PlaysAsync(played, 2, DateTimeOffset.UtcNow.AddHours(-1));
        await using var scope = core.Scope();

        var chips = await scope.ServiceProvider.GetRequiredService<Showcase>().GenresAsync(Viewer.Anonymous, 50, default);
        var (popular, _) = await scope.ServiceProvider.GetRequiredService<PopularGenres>().RankAsync(Viewer.Anonymous, 30, 1, 50, default);

        Assert.Equal(popular.Select(p => (p.Slug, (int?)p.TrackCount)), chips.Select(c => (c.Slug, c.TrackCount)));
        Assert.True(chips.ToList().FindIndex(c => c.Slug == "home-h2") < chips.ToList().FindIndex(c => c.Slug == "home-h1"));
    }

    private async Task<List<(string, int, int)>> PopularAsync(Dictionary<string, int> genres, int days)
    {
        await using var scope = core.Scope();
        var popular = new PopularGenres(scope.ServiceProvider.GetRequiredService<MusicSiteDbContext>(),
            scope.ServiceProvider.GetRequiredService<TrackCatalog>(), scope.ServiceProvider.GetRequiredService<CatalogCounters>(), new ShowcaseCache(new MusicSite.Live.ContentVersion(), new ManualClock(Now)),
            new ManualClock(Now));
        var (items, total) = await popular.RankAsync(Viewer.Anonymous, days, 1, 100, default);
        Assert.True(total <= 100);
        var names = genres.ToDictionary(g => g.Value, g => g.Key);
        return items.Where(i => names.ContainsKey(i.Id)).Select(i => (names[i.Id], i.Plays, i.TrackCount)).ToList();
    }

    private async Task<IReadOnlyList<RelatedGenreItem>> RelatedAsync(int id, Viewer viewer)
    {
        await using var scope = core.Scope();
        return (await scope.ServiceProvider.GetRequiredService<RelatedGenres>().RankAsync(id, viewer, default))!;
    }

    /// <summary>Genres named "{prefix} {key}" (slug "{prefix}-{key}"), each under the genre of the key given as parent.</summary>
    private async Task<Dictionary<string, int>> GenresAsync(string prefix, params (string Key, string? Parent)[] genres)
    {
        await using var scope = core.Scope();
        var db = scope.ServiceProvider.GetRequiredService<MusicSiteDbContext>();
        var made = new Dictionary<string, Genre>();
        foreach (var (key, parent) in genres)
        {
            made[key] = new Genre { Name = $"{prefix} {key}", Slug = $"{prefix}-{key}", Parent = parent is null ? null : made[parent] };
            db.Genres.Add(made[key]);
        }
        await db.SaveChangesAsync();
        return made.ToDictionary(m => m.Key, m => m.Value.Id);
    }

    private async Task RelateAsync(int from, int to, double weight)
    {
        await using var scope = core.Scope();
        var db = scope.ServiceProvider.GetRequiredService<MusicSiteDbContext>();
        db.GenreRelations.Add(new GenreRelation { FromGenreId = from, ToGenreId = to, Kind = GenreRelationKind.Similar, Weight = weight });
        await db.SaveChangesAsync();
    }

    private async Task<int> UserAsync()
    {
        await using var scope = core.Scope();
        var email = $"rank-{Guid.NewGuid():N}@example.com";
        var user = new AppUser { UserName = email, Email = email, DisplayName = "Rank Artist", CreatedAt = DateTime.UtcNow };
        Assert.True((await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().CreateAsync(user)).Succeeded);
        return user.Id;
    }

    private async Task<int> TrackAsync(int owner, bool isPublic, params int[] genres) =>
        await TrackAsync(owner, isPublic, genres, TrackState.Ready);

    private async Task<int> TrackAsync(int owner, bool isPublic, int genre, TrackState state) =>
        await TrackAsync(owner, isPublic, [genre], state);

    private async Task<int> TrackAsync(int owner, bool isPublic, int[] genres, TrackState state)
    {
        await using var scope = core.Scope();
        var db = scope.ServiceProvider.GetRequiredService<MusicSiteDbContext>();
        var track = new Track
        {
            Title = "Ranked", ArtistName = "Rank Artist", LicenseId = await db.Licenses.Select(l => l.Id).FirstAsync(), UploaderId = owner,
            IsPublic = isPublic, State = state, MediaFolder = "rank", CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
            Genres = genres.Select(id => new TrackGenre { GenreId = id }).ToList(),
        };
        db.Tracks.Add(track);
        await db.SaveChangesAsync();
        return track.Id;
    }

    private async Task PlaysAsync(int trackId, int count, DateTimeOffset at)
    {
        await using var scope = core.Scope();
        var db = scope.ServiceProvider.GetRequiredService<MusicSiteDbContext>();
        for (var i = 0; i < count; i++)
        {
            db.PlayEvents.Add(new PlayEvent
            {
                TrackId = trackId, ListenerKey = $"rank-{Guid.NewGuid():N}", HalfHour = at.ToUnixTimeSeconds() / 1800, PlayedAt = at.UtcDateTime,
            });
        }
        await db.SaveChangesAsync();
    }
}
