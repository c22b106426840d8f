using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Artists;

/// <summary>The home page features releases with covers, what is played this week, and genres; an empty site says so.</summary>
public sealed class HomePageTests
{
    private static async Task<IHtmlDocument> HomeAsync(MusicSiteFactory site)
    {
        var response = await site.CreateClient().GetAsync("/");
        Assert.Equal(200, (int)response.StatusCode);
        return new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Home_EmptySite_ShowsUsefulEmptyStatesAndTopLevelGenres()
    {
        using var site = new MusicSiteFactory();

        var doc = await HomeAsync(site);

        Assert.Equal(["New releases", "Popular this week", "Latest tracks", "Genres"], doc.QuerySelectorAll("main h2").Select(h => h.TextContent));
        Assert.Contains("Nothing has been released yet.", doc.QuerySelector("main section .empty")!.TextContent);
        Assert.Null(doc.QuerySelector("[data-testid=new-releases]"));
        Assert.Contains(doc.QuerySelectorAll("[data-testid=home-genres] a"), a => a.GetAttribute("href") == "/genres/electronic");
    }

    [Fact]
    public async Task Home_WithPlays_FeaturesReleaseCoversTheWeeksChartAndGenreCounts()
    {
        using var site = new MusicSiteFactory();
        var artist = await ArtistRows.UserAsync(site.Services, "Home Artist");
        var album = await ArtistRows.AlbumAsync(site.Services, artist, "Home album");
        await ArtistRows.TrackAsync(site.Services, artist, "On the album", albumId: album);
        var hit = await ArtistRows.TrackAsync(site.Services, artist, "Weekly hit");
        await ArtistRows.PlaysAsync(site.Services, hit, 3, DateTime.UtcNow.AddDays(-2));
        await site.WithDbAsync(async db =>
        {
            db.TrackGenres.Add(new MusicSite.Catalog.TrackGenre { TrackId = hit, GenreId = db.Genres.Single(g => g.Slug == "electronic").Id });
            return await db.SaveChangesAsync();
        });

        var doc = await HomeAsync(site);

        var cards = doc.QuerySelectorAll("[data-testid=new-releases] .release-card").ToList();
        Assert.Equal(["Weekly hit", "Home album"], cards.Select(c => c.QuerySelector("h3")!.TextContent));
        Assert.All(cards, c => Assert.NotNull(c.QuerySelector(".cover")));
        Assert.Equal("Popular this week", doc.QuerySelector("#popular-heading")!.TextContent);
        Assert.Equal(["Weekly hit"], doc.QuerySelectorAll("ol[aria-label='Popular tracks'] .track-title").Select(a => a.TextContent));
        Assert.Equal("Electronic · 1", doc.QuerySelector("[data-testid=home-genres] a")!.TextContent);
    }
}
