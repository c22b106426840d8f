using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using MusicSite.Catalog;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Artists;

/// <summary>The home and genre pages keep rankings briefly (decision 0048), but never a track the viewer may not see:
/// a track made private or deleted leaves every section at the next request, through the whole HTTP pipeline.</summary>
public sealed class ShowcaseVisibilityTests
{
    private static async Task<IHtmlDocument> PageAsync(MusicSiteFactory site, string path)
    {
        var response = await site.CreateClient().GetAsync(path);
        Assert.Equal(200, (int)response.StatusCode);
        return new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
    }

    private static List<string> Texts(IHtmlDocument doc, string selector) =>
        doc.QuerySelectorAll(selector).Select(e => e.TextContent.Trim()).ToList();

    [Fact]
    public async Task Showcase_TrackMadePrivateOrDeleted_LeavesEverySectionAtOnce()
    {
        using var site = new MusicSiteFactory();
        var artist = await ArtistRows.UserAsync(site.Services, "Visible Artist");
        var album = await ArtistRows.AlbumAsync(site.Services, artist, "Soon gone album");
        var onAlbum = await ArtistRows.TrackAsync(site.Services, artist, "Album cut", albumId: album, plays: 5);
        var hit = await ArtistRows.TrackAsync(site.Services, artist, "Weekly hit", plays: 9);
        var steady = await ArtistRows.TrackAsync(site.Services, artist, "Steady one", plays: 1);
        await ArtistRows.PlaysAsync(site.Services, hit, 5, DateTime.UtcNow.AddDays(-1));
        await ArtistRows.PlaysAsync(site.Services, onAlbum, 3, DateTime.UtcNow.AddDays(-1));
        await ArtistRows.PlaysAsync(site.Services, steady, 1, DateTime.UtcNow.AddDays(-2));
        await site.WithDbAsync(async db =>
        {
            var electronic = db.Genres.Single(g => g.Slug == "electronic").Id;
            db.TrackGenres.AddRange(new TrackGenre { TrackId = hit, GenreId = electronic }, new TrackGenre { TrackId = onAlbum, GenreId = electronic },
                new TrackGenre { TrackId = steady, GenreId = electronic });
            return await db.SaveChangesAsync();
        });

        var before = await PageAsync(site, "/");
        var genreBefore = await PageAsync(site, "/genres/electronic");
        Assert.Equal(["Steady one", "Weekly hit", "Soon gone album"], Texts(before, "[data-testid=new-releases] .release-card h3"));
        Assert.Equal(["Weekly hit", "Album cut", "Steady one"], Texts(before, "ol[aria-label='Popular tracks'] .track-title"));
        Assert.Contains("Weekly hit", Texts(before, "ol[aria-label='Latest tracks'] .track-title"));
        Assert.Equal("Electronic · 3", before.QuerySelector("[data-testid=home-genres] a")!.TextContent);
        Assert.Equal(["Weekly hit", "Album cut", "Steady one"], Texts(genreBefore, "ol[aria-label='Popular Electronic tracks'] .track-title"));

        await site.WithDbAsync(async db =>
        {
            (await db.Tracks.SingleAsync(t => t.Id == hit)).IsPublic = false;
            (await db.Tracks.SingleAsync(t => t.Id == onAlbum)).DeletedAt = DateTime.UtcNow;
            return await db.SaveChangesAsync();
        });

        var after = await PageAsync(site, "/");
        var genreAfter = await PageAsync(site, "/genres/electronic");
        Assert.Equal(["Steady one"], Texts(after, "[data-testid=new-releases] .release-card h3"));
        Assert.Equal(["Steady one"], Texts(after, "ol[aria-label='Popular tracks'] .track-title"));
        Assert.Equal(["Steady one"], Texts(after, "ol[aria-label='Latest tracks'] .track-title"));
        Assert.Equal("Electronic · 1", after.QuerySelector("[data-testid=home-genres] a")!.TextContent);
        Assert.Equal(["Steady one"], Texts(genreAfter, "ol[aria-label='Popular Electronic tracks'] .track-title"));
        Assert.Contains("1 track", genreAfter.QuerySelector("[data-testid=genre-counts]")!.TextContent);
    }
}
