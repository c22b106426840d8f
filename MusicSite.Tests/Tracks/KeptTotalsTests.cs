using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MusicSite.Catalog;
using MusicSite.Data;
using MusicSite.Live;
using MusicSite.Tests.Artists;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Tracks;

/// <summary>A filtered list's total and facets are kept briefly for viewers who see the listed tracks only (decision
/// 0050). Kept, they are never wrong on this node: a content change shows at the next request, and a viewer with
/// unlisted tracks neither gets nor leaves a kept answer. Another node's change (which does not move this node's
/// version) shows once the lifetime ends.</summary>
public sealed class KeptTotalsTests
{
    private static async Task<(int Total, Dictionary<string, int> Genres)> ListAsync(HttpClient client, string query)
    {
        var response = await (await client.GetAsync("/api/music/tracks?" + query)).JsonAsync();
        var genres = response.GetProperty("facets").GetProperty("genres").EnumerateArray()
            .ToDictionary(g => g.GetProperty("value").GetString()!, g => g.GetProperty("count").GetInt32());
        return (response.GetProperty("meta").GetProperty("total").GetInt32(), genres);
    }

    private static Task LinkAsync(MusicSiteFactory site, int trackId, string genreSlug) =>
        site.WithDbAsync(async db =>
        {
            db.TrackGenres.Add(new TrackGenre { TrackId = trackId, GenreId = (await db.Genres.SingleAsync(g => g.Slug == genreSlug)).Id });
            return await db.SaveChangesAsync();
        });

    [Fact]
    public async Task ContentChange_ShowsInTheTotalAndFacetsAtTheNextRequest_WhateverTheSortOrPage()
    {
        using var site = new MusicSiteFactory();
        var artist = await ArtistRows.UserAsync(site.Services, "Kept Artist");
        var ids = new List<int>();
        for (var i = 0; i < 4; i++)
        {
            ids.Add(await ArtistRows.TrackAsync(site.Services, artist, $"Kept {i}", artistName: "Keeper Band"));
            await LinkAsync(site, ids[^1], "jazz");
        }
        var client = site.CreateClient();
        var before = await ListAsync(client, "artist=keeper");
        Assert.Equal((4, 4), (before.Total, before.Genres["jazz"]));
        // Another sort and page are the same list: the same total.
        Assert.Equal(4, (await ListAsync(client, "artist=keeper&sort=title&limit=1&page=3")).Total);

        await site.WithDbAsync(async db =>
        {
            (await db.Tracks.SingleAsync(t => t.Id == ids[0])).IsPublic = false;
            (await db.Tracks.SingleAsync(t => t.Id == ids[1])).DeletedAt = DateTime.UtcNow;
            return await db.SaveChangesAsync();
        });
        var after = await ListAsync(client, "artist=keeper");
        Assert.Equal((2, 2), (after.Total, after.Genres["jazz"]));
        Assert.Equal(2, (await ListAsync(client, "artist=keeper&sort=title&limit=1&page=3")).Total);

        await LinkAsync(site, ids[2], "rock");
        var retagged = await ListAsync(client, "artist=keeper");
        Assert.Equal(1, retagged.Genres["rock"]);
        await ArtistRows.TrackAsync(site.Services, artist, "Kept late", artistName: "Keeper Band");
        Assert.Equal(3, (await ListAsync(client, "artist=keeper")).Total);
        Assert.Equal(3, (await ListAsync(client, "artist=KEEPER")).Total);
        Assert.Equal(1, (await ListAsync(client, "artist=keeper&genre=rock")).Total);
    }

    [Fact]
    public async Task GenreMovedInTheTree_ShowsInTheFacetsAtTheNextRequest()
    {
        // The facets credit each link to the genres above it from a kept copy of the closure: moving a genre under
        // another is a content change, so the next list counts its tracks under the new parent, each track once.
        using var site = new MusicSiteFactory();
        var artist = await ArtistRows.UserAsync(site.Services, "Moved Artist");
        for (var i = 0; i < 3; i++)
        {
            var id = await ArtistRows.TrackAsync(site.Services, artist, $"Moved {i}", artistName: "Tree Movers");
            await LinkAsync(site, id, "jazz");
            if (i == 2)
            {
                await LinkAsync(site, id, "rock");
            }
        }
        var client = site.CreateClient();
        var before = await ListAsync(client, "artist=movers");
        Assert.Equal((3, 1), (before.Genres["jazz"], before.Genres["rock"]));

        await site.WithDbAsync(async db =>
        {
            (await db.Genres.SingleAsync(g => g.Slug == "jazz")).ParentId = (await db.Genres.SingleAsync(g => g.Slug == "rock")).Id;
            return await db.SaveChangesAsync();
        });
        var after = await ListAsync(client, "artist=movers");
        Assert.Equal((3, 3), (after.Genres["jazz"], after.Genres["rock"]));
    }

    [Fact]
    public async Task ViewerWithUnlistedTracks_CountsThem_AndNeverSharesTheKeptAnswer()
    {
        using var site = new MusicSiteFactory();
        var owner = await ArtistRows.UserAsync(site.Services, "Private Owner");
        await ArtistRows.TrackAsync(site.Services, owner, "Shared one", artistName: "Hidden Sides");
        await ArtistRows.TrackAsync(site.Services, owner, "Shared two", artistName: "Hidden Sides");
        await ArtistRows.TrackAsync(site.Services, owner, "Private one", artistName: "Hidden Sides", isPublic: false);
        await using var scope = site.Services.CreateAsyncScope();
        var search = scope.ServiceProvider.GetRequiredService<CatalogSearch>();
        var query = new TrackQuery { Artist = "hidden" };

        var anonymous = await search.SearchAsync(query, Viewer.Anonymous, CancellationToken.None);
        var mine = await search.SearchAsync(query, new Viewer(owner, false), CancellationToken.None);
        var admin = await search.SearchAsync(query, new Viewer(null, true), CancellationToken.None);
        var anonymousAgain = await search.SearchAsync(query, Viewer.Anonymous, CancellationToken.None);
        var someoneElse = await search.SearchAsync(query, new Viewer(await ArtistRows.UserAsync(site.Services, "Other"), false), CancellationToken.None);

        Assert.Equal([2, 3, 3, 2, 2], new[] { anonymous.Total, mine.Total, admin.Total, anonymousAgain.Total, someoneElse.Total });
    }

    [Fact]
    public async Task AnotherNodesChange_ShowsOnceTheLifetimeEnds()
    {
        using var site = new ClockedSite();
        var artist = await ArtistRows.UserAsync(site.Services, "Remote Artist");
        var first = await ArtistRows.TrackAsync(site.Services, artist, "Remote one", artistName: "Far Node");
        await ArtistRows.TrackAsync(site.Services, artist, "Remote two", artistName: "Far Node");
        var client = site.CreateClient();
        Assert.Equal(2, (await ListAsync(client, "artist=far")).Total);

        // Another node writes the shared database: this node's content version does not move.
        var version = site.Services.GetRequiredService<ContentVersion>().Current;
        await using (var connection = new SqliteConnection(SqliteDatabase.ConnectionString(Path.Combine(site.DataDirectory, "musicsite.db"))))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = """UPDATE "Tracks" SET "IsPublic" = 0 WHERE "Id" = $id""";
            command.Parameters.AddWithValue("$id", first);
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }
        Assert.Equal(version, site.Services.GetRequiredService<ContentVersion>().Current);

        // Within the lifetime the kept total stands (the lag decision 0050 accepts for other nodes) ...
        site.Clock.Advance(ShowcaseCache.ListLifetime - TimeSpan.FromSeconds(1));
        Assert.Equal(2, (await ListAsync(client, "artist=far")).Total);
        // ... and once it ends the list is counted again.
        site.Clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(1, (await ListAsync(client, "artist=far")).Total);
    }

    private static async Task<List<string>> TitlesAsync(HttpClient client, string query) =>
        (await (await client.GetAsync("/api/music/tracks?" + query)).JsonAsync()).GetProperty("data").EnumerateArray()
        .Select(t => t.GetProperty("title").GetString()!).ToList();

    [Fact]
    public async Task SearchHead_NewMatchShowsAtOnce_AndWhoMaySeeAMatchIsCheckedOnEveryRequest()
    {
        using var site = new ClockedSite();
        var artist = await ArtistRows.UserAsync(site.Services, "Head Artist");
        var first = await ArtistRows.TrackAsync(site.Services, artist, "Zephyrine one");
        await ArtistRows.TrackAsync(site.Services, artist, "Zephyrine two");
        var client = site.CreateClient();
        Assert.Equal(["Zephyrine one", "Zephyrine two"], (await TitlesAsync(client, "search=zephyr")).Order());

        await ArtistRows.TrackAsync(site.Services, artist, "Zephyrine three");
        Assert.Equal(["Zephyrine one", "Zephyrine three", "Zephyrine two"], (await TitlesAsync(client, "search=zephyr")).Order());

        // Made private by another node (this node's version stands still, the kept head still holds it): gone anyway.
        await using (var connection = new SqliteConnection(SqliteDatabase.ConnectionString(Path.Combine(site.DataDirectory, "musicsite.db"))))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = """UPDATE "Tracks" SET "IsPublic" = 0 WHERE "Id" = $id""";
            command.Parameters.AddWithValue("$id", first);
            await command.ExecuteNonQueryAsync();
        }
        Assert.Equal(["Zephyrine three", "Zephyrine two"], (await TitlesAsync(client, "search=zephyr")).Order());
        Assert.Equal(["Zephyrine three", "Zephyrine two"], (await TitlesAsync(client, "search=zephyr&sort=relevance&order=asc")).Order());
    }

    [Fact]
    public async Task Cache_KeepsAtMostMaxEntries_DroppingOutdatedOnesFirst()
    {
        var version = new ContentVersion();
        var clock = new ManualClock();
        var cache = new ShowcaseCache(version, clock);
        await cache.GetAsync("long-lived", ShowcaseCache.ContentLifetime, () => Task.FromResult("kept"));
        for (var i = 0; i < ShowcaseCache.MaxEntries - 2; i++)
        {
            await cache.GetAsync($"short:{i}", TimeSpan.FromSeconds(1), () => Task.FromResult("short"));
        }
        clock.Advance(TimeSpan.FromSeconds(2));
        await cache.GetAsync("fills", ShowcaseCache.ContentLifetime, () => Task.FromResult("x"));
        Assert.Equal(ShowcaseCache.MaxEntries, cache.Count);

        // Full: the expired entries go, the live one stays.
        await cache.GetAsync("one more", ShowcaseCache.ContentLifetime, () => Task.FromResult("y"));
        Assert.Equal(3, cache.Count);
        Assert.Equal("kept", await cache.GetAsync("long-lived", ShowcaseCache.ContentLifetime, () => Task.FromResult("recomputed")));

        // Full of live entries: all of them go.
        for (var i = 0; cache.Count < ShowcaseCache.MaxEntries; i++)
        {
            await cache.GetAsync($"live:{i}", ShowcaseCache.ContentLifetime, () => Task.FromResult("live"));
        }
        await cache.GetAsync("past the bound", ShowcaseCache.ContentLifetime, () => Task.FromResult("z"));
        Assert.Equal(1, cache.Count);
    }
}
