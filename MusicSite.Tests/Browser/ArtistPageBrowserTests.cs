using Microsoft.Playwright;
using MusicSite.Tests.Artists;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Browser;

[Trait("Category", "Slow")]
public sealed class ArtistPageBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Theory]
    [MemberData(nameof(BrowserLooks.All), MemberType = typeof(BrowserLooks))]
    public async Task TrackPage_ClickTheArtistName_OpensTheArtistPage(Viewport viewport, ColorScheme scheme)
    {
        var token = ArtistRows.Token();
        var name = $"Browser Artist {token}";
        var artist = await ArtistRows.UserAsync(browser.Site.Services, name, bio: "Tape loops and field recordings.");
        var track = await ArtistRows.TrackAsync(browser.Site.Services, artist, $"Clicked tune {token}", artistName: $"Stage name {token}");
        await ArtistRows.TrackAsync(browser.Site.Services, artist, $"Second tune {token}");
        var page = await browser.NewPageAsync(viewport, scheme);

        await page.GotoAsync($"/tracks/{track}");
        await page.Locator("main .lede .artist-link").ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/artists/browser-artist-{token}$"));
        await Assertions.Expect(page.Locator("main h1")).ToHaveTextAsync(name);
        await Assertions.Expect(page.Locator("[data-testid=artist-bio]")).ToHaveTextAsync("Tape loops and field recordings.");
        await Assertions.Expect(page.Locator("[data-testid=artist-totals]")).ToContainTextAsync("2 tracks");
        await Assertions.Expect(page.Locator("main .track-list .track-title")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("main .artist-head .avatar")).ToBeVisibleAsync();
        // The page fits the screen: nothing makes it scroll sideways.
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"),
            $"the artist page is wider than the {viewport} screen");
    }
}
