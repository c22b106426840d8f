using Microsoft.Playwright;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Community;

/// <summary>With JavaScript, the heart toggles in place (htmx) in a list and in the player, and the two hearts of the
/// playing track agree.</summary>
[Trait("Category", "Slow")]
public sealed class HeartBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Heart_InListAndPlayer_TogglesInPlaceAndStaysInStep()
    {
        var title = "Heart Tone " + Guid.NewGuid().ToString("N")[..6];
        var track = await TestCatalog.AddReadyTrackAsync(browser.Site.Services, title, seconds: 60);
        var page = await browser.NewPageAsync();
        await page.RegisterInBrowserAsync();
        await page.GotoAsync("/tracks");
        await page.EvaluateAsync("() => { window.__stay = true; }"); // gone if the page reloads instead of swapping

        var listHeart = page.Locator($"main form.heart[data-heart='{track}'] button");
        await Assertions.Expect(listHeart).ToHaveAttributeAsync("aria-pressed", "false");
        await listHeart.ClickAsync();
        await Assertions.Expect(listHeart).ToHaveAttributeAsync("aria-pressed", "true");
        await Assertions.Expect(page.Locator($"main form.heart[data-heart='{track}'] .heart-count")).ToContainTextAsync("1");

        await page.ClickAsync($"a[data-play][data-track-id='{track}']");
        var playerHeart = page.Locator($"#player-heart form.heart[data-heart='{track}'] button");
        await Assertions.Expect(playerHeart).ToHaveAttributeAsync("aria-pressed", "true");
        await playerHeart.ClickAsync();
        await Assertions.Expect(playerHeart).ToHaveAttributeAsync("aria-pressed", "false");
        await Assertions.Expect(listHeart).ToHaveAttributeAsync("aria-pressed", "false");
        await Assertions.Expect(page.Locator($"main form.heart[data-heart='{track}'] .heart-count")).ToContainTextAsync("0");

        Assert.True(await page.EvaluateAsync<bool>("() => window.__stay === true"), "the page reloaded");
        var likes = await browser.Site.WithDbAsync(db => Task.FromResult(db.TrackLikes.Count(l => l.TrackId == track)));
        Assert.Equal(0, likes);
    }
}
