using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Browser;

/// <summary>A browser (and a site with its admin account) for the genre curation pages.</summary>
public sealed class CurationBrowserFixture : IAsyncLifetime
{
    public BrowserFixture Browser { get; } = new();

    public async Task InitializeAsync()
    {
        Browser.Site.WithAdmin();
        await Browser.InitializeAsync();
    }

    public Task DisposeAsync() => Browser.DisposeAsync();
}

/// <summary>An admin curates genres in a real browser, with and without JavaScript: from the header's Admin link and the admin menu to a new
/// genre, then a merge through its confirmation page.</summary>
[Trait("Category", "Slow")]
public sealed class GenreCurationBrowserTests(CurationBrowserFixture fixture) : IClassFixture<CurationBrowserFixture>
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Admin_CreatesAGenre_ThenMergesItThroughTheConfirmation(bool javaScript)
    {
        var site = fixture.Browser.Site;
        var (techno, house) = await site.WithDbAsync(async db => (
            await db.Genres.Where(g => g.Slug == "techno").Select(g => g.Id).SingleAsync(),
            await db.Genres.Where(g => g.Slug == "house").Select(g => g.Id).SingleAsync()));
        var name = $"Fold {Guid.NewGuid():N}"[..13];
        var page = await fixture.Browser.NewPageAsync(javaScript);
        await page.GotoAsync("/account/login");
        await page.FillAsync("#email", TrackUploads.AdminEmail);
        await page.FillAsync("#password", TrackUploads.AdminPassword);
        await page.ClickAsync("main button[type=submit]");

        await page.ClickAsync("header a[data-testid=admin-link]");
        await page.ClickAsync("nav.admin-nav a:has-text('Genres')");
        await page.FillAsync("#name", name);
        await page.SelectOptionAsync("#parentId", techno.ToString());
        await page.ClickAsync("button:has-text('Create genre')");

        await Assertions.Expect(page.Locator("[data-testid=genre-done]")).ToHaveTextAsync("The genre is created.");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync($"Edit “{name}”");
        await page.SelectOptionAsync("#into", house.ToString());
        await page.ClickAsync("button:has-text('Review the merge')");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync($"Merge “{name}” into “House”?");
        await page.CheckAsync("input[name=confirm]");
        await page.ClickAsync("button:has-text('Merge into House')");

        // A generous wait: the machine is shared, and the merge is one write transaction with its audit entry.
        await Assertions.Expect(page.Locator("[data-testid=genre-done]")).ToContainTextAsync("The merge is done", new() { Timeout = 60_000 });
        Assert.EndsWith($"/admin/genres/{house}?done=merged", page.Url);
        Assert.False(await site.WithDbAsync(db => db.Genres.AnyAsync(g => g.Name == name)));
    }
}
