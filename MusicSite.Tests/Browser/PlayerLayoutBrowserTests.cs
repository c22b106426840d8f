using Microsoft.Playwright;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Browser;

/// <summary>The player bar on a laptop and a phone, light and dark: its size, its controls, the phone's full-screen
/// view, and that it never covers the page.</summary>
[Trait("Category", "Slow")]
public sealed class PlayerLayoutBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Audio = "document.getElementById('player-audio')";

    private async Task<IPage> PlayingAsync(Viewport viewport, ColorScheme scheme, string title, string path = "/")
    {
        var page = await browser.NewPageAsync(viewport, scheme);
        await page.GotoAsync(path);
        await page.ClickAsync($"a[data-play][data-title='{title}']");
        await page.WaitForFunctionAsync($"() => {Audio}.currentTime > 0.3");
        return page;
    }

    [Theory]
    [MemberData(nameof(BrowserLooks.All), MemberType = typeof(BrowserLooks))]
    public async Task Bar_BeforeAndWhilePlaying_IsOneCompactRowWithNamedControls(Viewport viewport, ColorScheme scheme)
    {
        var title = $"Bar Tone {viewport} {scheme}";
        await TestCatalog.AddReadyTrackAsync(browser.Site.Services, title, seconds: 20);
        var page = await browser.NewPageAsync(viewport, scheme);
        await page.GotoAsync("/");

        // Before anything plays: no bar, no empty <audio>, no padding kept for it.
        await Assertions.Expect(page.Locator("#player")).ToBeHiddenAsync();
        Assert.Equal(0, await page.Locator("audio:visible").CountAsync());
        Assert.Equal("0px", await page.EvaluateAsync<string>("() => getComputedStyle(document.body).paddingBottom"));

        await page.ClickAsync($"a[data-play][data-title='{title}']");
        await page.WaitForFunctionAsync($"() => {Audio}.currentTime > 0.3");

        var bar = (await page.Locator("#player").BoundingBoxAsync())!;
        var size = viewport.Size();
        Assert.InRange(bar.Height, 40, 72);
        Assert.Equal(size.Height, bar.Y + bar.Height, 1);
        Assert.Equal(size.Width, bar.Width, 1);
        Assert.Equal(bar.Height, await page.EvaluateAsync<double>("() => parseFloat(getComputedStyle(document.body).paddingBottom)"), 1);
        Assert.Equal(0, await page.Locator("audio:visible").CountAsync());
        string[] expected = viewport == Viewport.Phone
            ? ["#player-expand", "#player-toggle", "#player-next"]
            : ["#player-expand", "#player-prev", "#player-toggle", "#player-next", "#player-seek", "#player-mute", "#player-volume", "#player-queue-toggle", "#player-meta a.player-title"];
        foreach (var control in expected)
        {
            await Assertions.Expect(page.Locator(control)).ToBeVisibleAsync();
            Assert.InRange((await page.Locator(control).BoundingBoxAsync())!.Y, bar.Y - 1, bar.Y + bar.Height);
        }
        await Assertions.Expect(page.Locator("#player-toggle")).ToHaveAttributeAsync("aria-label", "Pause");
        Assert.Equal(0, await page.EvaluateAsync<int>("""
            () => [...document.querySelectorAll('#player button, #player input, #player a')]
              .filter(e => e.offsetParent !== null && !(e.getAttribute('aria-label') || e.textContent).trim()).length
            """));
        // The bar follows the colour scheme: a light surface in light, a dark one in dark.
        var luminance = await page.EvaluateAsync<double>("""
            () => { const [r, g, b] = getComputedStyle(document.getElementById('player')).backgroundColor.match(/\d+/g).map(Number);
                     return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255; }
            """);
        Assert.True(scheme == ColorScheme.Dark ? luminance < 0.3 : luminance > 0.8, $"bar luminance {luminance:0.00} in {scheme}");
    }

    [Theory]
    [MemberData(nameof(BrowserLooks.Schemes), MemberType = typeof(BrowserLooks))]
    public async Task PhoneRow_Tapped_OpensAFullScreenViewThatEscapeCloses(ColorScheme scheme)
    {
        var title = $"Full Screen Tone {scheme}";
        await TestCatalog.AddReadyTrackAsync(browser.Site.Services, title, seconds: 20);
        var page = await PlayingAsync(Viewport.Phone, scheme, title);

        await page.TapAsync("#player-expand");

        var view = (await page.Locator("#player").BoundingBoxAsync())!;
        Assert.Equal((0, 0, 390, 844), ((int)view.X, (int)view.Y, (int)view.Width, (int)view.Height));
        await Assertions.Expect(page.Locator("#player")).ToHaveAttributeAsync("role", "dialog");
        await Assertions.Expect(page.Locator("#player-expand")).ToHaveAttributeAsync("aria-expanded", "true");
        Assert.Equal("player-close", await page.EvaluateAsync<string>("() => document.activeElement.id"));
        Assert.True((await page.Locator(".player-art").BoundingBoxAsync())!.Width >= 300, "the cover should be big");
        foreach (var control in new[] { "#player-prev", "#player-toggle", "#player-next", "#player-seek", "#player-mute", "#player-queue-toggle" })
        {
            await Assertions.Expect(page.Locator(control)).ToBeVisibleAsync();
        }
        await Assertions.Expect(page.Locator("#player-meta")).ToContainTextAsync(title);
        Assert.True(await page.EvaluateAsync<bool>("() => document.getElementById('main').inert"), "the page behind stays out of reach");
        for (var i = 0; i < 12; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            Assert.True(await page.EvaluateAsync<bool>("() => document.getElementById('player').contains(document.activeElement)"),
                "focus left the full-screen view");
        }
        await page.TapAsync("#player-toggle");
        await page.WaitForFunctionAsync($"() => {Audio}.paused");

        await page.Keyboard.PressAsync("Escape");

        Assert.InRange((await page.Locator("#player").BoundingBoxAsync())!.Height, 40, 72);
        Assert.Equal("player-expand", await page.EvaluateAsync<string>("() => document.activeElement.id"));
        Assert.False(await page.EvaluateAsync<bool>("() => document.getElementById('main').inert"));
        await page.TapAsync("#player-expand");
        await page.TapAsync("#player-close");
        Assert.InRange((await page.Locator("#player").BoundingBoxAsync())!.Height, 40, 72);
    }

    [Theory]
    [MemberData(nameof(BrowserLooks.All), MemberType = typeof(BrowserLooks))]
    public async Task LastRowOfATrackPage_IsNeverUnderTheBar(Viewport viewport, ColorScheme scheme)
    {
        var uploader = $"related-{viewport}-{scheme}@example.com";
        var id = 0;
        for (var i = 0; i < 7; i++)
        {
            id = await TestCatalog.AddReadyTrackAsync(browser.Site.Services, $"Related {viewport} {scheme} {i}", seconds: 10, uploaderEmail: uploader);
        }
        var page = await PlayingAsync(viewport, scheme, $"Related {viewport} {scheme} 6", $"/tracks/{id}");
        await Assertions.Expect(page.Locator("ol[aria-label='Related tracks'] li").Last).ToBeAttachedAsync();

        await page.EvaluateAsync("() => window.scrollTo(0, document.scrollingElement.scrollHeight)");
        await page.WaitForFunctionAsync("() => Math.ceil(scrollY + innerHeight) >= document.scrollingElement.scrollHeight - 1");

        var bar = (await page.Locator("#player").BoundingBoxAsync())!;
        var lastRow = (await page.Locator("ol[aria-label='Related tracks'] li").Last.BoundingBoxAsync())!;
        var footer = (await page.Locator("footer.site-footer").BoundingBoxAsync())!;
        Assert.True(lastRow.Y + lastRow.Height <= bar.Y + 0.5, $"last related row ends at {lastRow.Y + lastRow.Height}, the bar starts at {bar.Y}");
        Assert.True(footer.Y + footer.Height <= bar.Y + 0.5, $"footer ends at {footer.Y + footer.Height}, the bar starts at {bar.Y}");
    }
}
