using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MusicSite.Data;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Browser;

/// <summary>The catalog's filters as chips, live search and Back, on a desktop and a phone, with and without script.</summary>
[Trait("Category", "Slow")]
public sealed class CatalogBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        // One set of tracks for the whole class: xunit makes a new instance (and calls this) for every test.
        await using var scope = browser.Site.Services.CreateAsyncScope();
        if (await scope.ServiceProvider.GetRequiredService<MusicSiteDbContext>().Tracks.AnyAsync(t => t.Title == "Harbour Lights"))
        {
            return;
        }
        foreach (var (title, seconds) in new[] { ("Harbour Lights", 90.0), ("Harbour Fog", 200.0), ("Quiet Signal", 60.0) })
        {
            await TestCatalog.AddReadyTrackAsync(browser.Site.Services, title, seconds, uploaderEmail: "catalog-artist@example.com");
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData(true, Viewport.Desktop)]
    [InlineData(false, Viewport.Desktop)]
    [InlineData(true, Viewport.Phone)]
    [InlineData(false, Viewport.Phone)]
    public async Task FilterChips_AreAddedAndRemoved(bool javaScript, Viewport viewport)
    {
        var page = await browser.NewPageAsync(viewport, javaScript: javaScript);
        await page.GotoAsync("/tracks");
        var chips = page.Locator("[data-testid=filter-chips] a");
        await Assertions.Expect(chips).ToHaveCountAsync(0);

        await page.ClickAsync("details.more-filters > summary");
        await page.FillAsync("#artist", "test art");
        await page.PressAsync("#artist", "Enter");
        await Assertions.Expect(chips).ToHaveTextAsync(["Artist: test art ×"]);
        await page.SelectOptionAsync("#duration", "under-2");
        if (!javaScript)
        {
            await page.ClickAsync("button:has-text('Show tracks')");
        }

        await Assertions.Expect(chips).ToHaveTextAsync(["Artist: test art ×", "Length: Under 2 min ×"]);
        await Assertions.Expect(page.Locator("ol.track-list > li")).ToHaveCountAsync(2);
        // The address is the clean one: no empty fields, no sort nobody chose.
        Assert.Equal(browser.BaseUrl + "/tracks?artist=test%20art&duration=under-2", page.Url);

        await page.GetByRole(AriaRole.Link, new() { Name = "Remove filter Artist: test art" }).ClickAsync();

        await Assertions.Expect(chips).ToHaveTextAsync(["Length: Under 2 min ×"]);
        await Assertions.Expect(page.Locator("#artist")).ToHaveValueAsync("");
        await Assertions.Expect(page).ToHaveURLAsync(browser.BaseUrl + "/tracks?duration=under-2");

        await page.ClickAsync(".clear-filters");

        await Assertions.Expect(chips).ToHaveCountAsync(0);
        await Assertions.Expect(page).ToHaveURLAsync(browser.BaseUrl + "/tracks");
        await Assertions.Expect(page.Locator("#duration")).ToHaveValueAsync("");
    }

    [Theory]
    [InlineData(Viewport.Desktop)]
    [InlineData(Viewport.Phone)]
    public async Task LiveSearch_ThenAlbums_ThenBack_KeepsTheSearch(Viewport viewport)
    {
        var page = await browser.NewPageAsync(viewport);
        await page.GotoAsync("/tracks");

        await page.Locator("#search").PressSequentiallyAsync("harbo");

        await Assertions.Expect(page).ToHaveURLAsync(browser.BaseUrl + "/tracks?search=harbo");
        await Assertions.Expect(page.Locator("ol.track-list > li")).ToHaveCountAsync(2);
        // While searching, the list is in order of relevance; typing never sent the sort menu's "Newest".
        await Assertions.Expect(page.Locator("#sort")).ToHaveValueAsync("relevance");

        // The site's own link, as htmx follows it (dispatched, so a phone's folded menu does not matter).
        await page.Locator("a[href='/albums']").First.DispatchEventAsync("click");
        await Assertions.Expect(page.Locator("main h1")).ToHaveTextAsync("Albums");
        await page.GoBackAsync();

        await Assertions.Expect(page.Locator("main h1")).ToHaveTextAsync("Tracks");
        await Assertions.Expect(page.Locator("#search")).ToHaveValueAsync("harbo");
        await Assertions.Expect(page.Locator("ol.track-list > li")).ToHaveCountAsync(2);
    }
}
