using Microsoft.Playwright;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Screenshots;

/// <summary>
/// The README's screenshots, taken from the showcase catalog on every run (.test-output/screenshots/). Run with
/// MUSICSITE_UPDATE_SCREENSHOTS=1 to refresh docs/screenshots/.
/// </summary>
[Trait("Category", "Slow")]
[Collection(ShowcaseCollection.Name)]
public sealed class ScreenshotBrowserTests(ShowcaseSite showcase)
{
    [Fact]
    public async Task HomePage_OnADesktopInLight_IsPhotographed()
    {
        var page = await showcase.Browser.NewPageAsync(Viewport.Desktop, ColorScheme.Light);
        await page.GotoAsync("/");

        var size = await Screenshots.SaveAsync(page, "home");

        Assert.Equal((1366, 900), size);
    }

    [Fact]
    public async Task TrackPage_OnADesktopInDark_IsPhotographed()
    {
        var page = await showcase.Browser.NewPageAsync(Viewport.Desktop, ColorScheme.Dark);
        await page.GotoAsync($"/tracks/{showcase.TrackWithArtwork}");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Harbour Lights");

        var size = await Screenshots.SaveAsync(page, "track");

        Assert.Equal((1366, 900), size);
    }

    [Fact]
    public async Task ArtistPage_OnADesktopInLight_IsPhotographed()
    {
        var page = await showcase.Browser.NewPageAsync(Viewport.Desktop, ColorScheme.Light);
        await page.GotoAsync(ShowcaseSite.ArtistPath);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(ShowcaseSite.ArtistName);

        var size = await Screenshots.SaveAsync(page, "artist");

        Assert.Equal((1366, 900), size);
    }

    [Fact]
    public async Task PhonePlayer_WhilePlaying_IsPhotographed()
    {
        var page = await showcase.Browser.NewPageAsync(Viewport.Phone, ColorScheme.Dark);
        await page.GotoAsync($"/tracks/{showcase.TrackWithArtwork}");

        await ShowcaseSite.PlayFirstTrackAsync(page);

        var size = await Screenshots.SaveAsync(page, "phone-player");

        Assert.Equal((390, 844), size);
    }
}
