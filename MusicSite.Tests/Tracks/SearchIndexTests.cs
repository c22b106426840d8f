using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MusicSite.Accounts;
using MusicSite.Catalog;
using MusicSite.Data;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Tracks;

/// <summary>The FTS5 index: relevance order, and staying in step with edits (on a site of their own, since
/// they change the catalog).</summary>
public sealed class SearchIndexTests(MusicSiteFactory site) : IClassFixture<MusicSiteFactory>
{
    [Fact]
    public async Task Search_RanksTitleAboveArtistAboveTagsAboveDescription()
    {
        await using var scope = site.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MusicSiteDbContext>();
        var inDescription = Make(db, "Plain One", "Someone", null, "the zephyrine wind");
        var inTags = Make(db, "Plain Two", "Someone", "zephyrine", null);
        var inArtist = Make(db, "Plain Three", "Zephyrine Collective", null, null);
        var inTitle = Make(db, "Zephyrine", "Someone", null, null);
        db.Tracks.AddRange(inDescription, inTags, inArtist, inTitle);
        await db.SaveChangesAsync();

        var result = await (await site.CreateClient().GetAsync("/api/music/tracks?search=zephyr")).JsonAsync();

        Assert.Equal([inTitle.Id, inArtist.Id, inTags.Id, inDescription.Id],
            result.GetProperty("data").EnumerateArray().Select(t => t.GetProperty("id").GetInt32()));
    }

    [Fact]
    public async Task SearchIndex_FollowsEditsTagChangesAndDeletes()
    {
        await using var scope = site.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MusicSiteDbContext>();
        var track = Make(db, "Ordinary Title", "Somebody", null, null);
        db.Tracks.Add(track);
        await db.SaveChangesAsync();
        var client = site.CreateClient();
        async Task<bool> FoundAsync(string search) =>
            (await (await client.GetAsync($"/api/music/tracks?search={search}&limit=100")).JsonAsync())
            .GetProperty("data").EnumerateArray().Any(t => t.GetProperty("id").GetInt32() == track.Id);

        track.Title = "Quixotic Renamed";
        track.Tags.Add(new TrackTag { Tag = "wobblecore" });
        await db.SaveChangesAsync();
        Assert.True(await FoundAsync("quixot"));
        Assert.True(await FoundAsync("wobblec"));

        track.Tags.RemoveAll(t => t.Tag == "wobblecore");
        await db.SaveChangesAsync();
        Assert.False(await FoundAsync("wobblec"));

        db.Tracks.Remove(track);
        await db.SaveChangesAsync();
        Assert.False(await FoundAsync("quixot"));
    }

    private static Track Make(MusicSiteDbContext db, string title, string artist, string? tag, string? description)
    {
        var uploader = db.Users.FirstOrDefault() ?? AddUploader(db);
        return new Track
        {
            Title = title, ArtistName = artist, Description = description, LicenseId = db.Licenses.First().Id, Uploader = uploader,
            IsPublic = true, State = TrackState.Ready, MediaFolder = "x", CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
            DurationSeconds = 60, Tags = tag is null ? [] : [new TrackTag { Tag = tag }],
        };
    }

    private static AppUser AddUploader(MusicSiteDbContext db)
    {
        var user = new AppUser { UserName = "search@example.com", NormalizedUserName = "SEARCH@EXAMPLE.COM", Email = "search@example.com",
            DisplayName = "Search", CreatedAt = DateTime.UtcNow, SecurityStamp = Guid.NewGuid().ToString() };
        db.Users.Add(user);
        return user;
    }
}
