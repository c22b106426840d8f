using Microsoft.Playwright;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Browser;

/// <summary>The /genres filter in Chromium: submitted as a plain form without script, live while typing with it (the
/// box keeps focus, the address follows), and no sideways scrolling on a phone.</summary>
[Trait("Category", "Slow")]
public sealed class GenreFilterBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Theory]
    [InlineData(false, Viewport.Desktop)]
    [InlineData(false, Viewport.Phone)]
    [InlineData(true, Viewport.Desktop)]
    [InlineData(true, Viewport.Phone)]
    public async Task Filter_NarrowsTheTreeToMatchesAndTheirAncestors(bool javaScript, Viewport viewport)
    {
        var page = await browser.NewPageAsync(viewport, javaScript: javaScript);
        await page.GotoAsync("/genres");
        Assert.True(await page.Locator(".genre-tree a").CountAsync() > 100);

        if (javaScript)
        {
            await page.Locator("#genre-q").PressSequentiallyAsync("deep ho");
            // A predicate, not a URL string: Playwright reads a string with an escape (%20) as a pattern.
            await page.WaitForURLAsync(url => url == browser.BaseUrl + "/genres?q=deep%20ho");
        }
        else
        {
            await page.FillAsync("#genre-q", "deep ho");
            await page.ClickAsync("form.genre-filter button[type=submit]");
            await Assertions.Expect(page).ToHaveURLAsync(browser.BaseUrl + "/genres?q=deep+ho");
        }

        await Assertions.Expect(page.Locator(".genre-tree a")).ToHaveTextAsync(["Electronic", "House", "Deep House"]);
        await Assertions.Expect(page.Locator(".genre-tree mark")).ToHaveTextAsync(["Deep House"]);
        await Assertions.Expect(page.Locator("#genre-filter-status")).ToHaveTextAsync("1 genre matches “deep ho”.");
        await Assertions.Expect(page.Locator("a[href='/genres/deep-house']")).ToBeVisibleAsync();
        if (javaScript)
        {
            await Assertions.Expect(page.Locator("#genre-q")).ToBeFocusedAsync();
        }
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "the page scrolls sideways");
    }

    [Fact]
    public async Task Filter_ClearedWhileTyping_ShowsEveryGenreAgain()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/genres?q=xyzzy");
        await Assertions.Expect(page.Locator("#genre-results .empty")).ToContainTextAsync("No genre matches “xyzzy”.");

        await page.FillAsync("#genre-q", "");

        await Assertions.Expect(page).ToHaveURLAsync(browser.BaseUrl + "/genres");
        await Assertions.Expect(page.Locator("#genre-results .empty")).ToHaveCountAsync(0);
        Assert.True(await page.Locator(".genre-tree a").CountAsync() > 100);
    }
}
