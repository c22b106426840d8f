using Microsoft.Playwright;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Browser;

[Trait("Category", "Slow")]
public sealed class EditTrackBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>, IDisposable
{
    private readonly TempDirectory _files = new("musicsite-edit-browser");

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Owner_EditsThroughTheForm_SeesTheChangeLog_ThenDeletes(bool javaScript)
    {
        var page = await browser.NewPageAsync(javaScript);
        await page.GotoAsync("/account/register");
        await page.FillAsync("#email", $"editor-{Guid.NewGuid():N}@example.com");
        await page.FillAsync("#displayName", "Editor");
        await page.FillAsync("#password", "Passw0rdOk");
        await page.CheckAsync("input[type=radio][value=Artist]");
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page.Locator("[data-testid=account-name]")).ToHaveTextAsync("Editor");
        await page.GotoAsync("/upload");
        await page.SetInputFilesAsync("#audio", MediaFixtures.Audio(_files.Path, "mp3", 2));
        await page.FillAsync("#title", "Draft Title");
        await page.ClickAsync("button:has-text('Upload')");
        await Assertions.Expect(page.Locator("a[data-play]")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        // Once ready, the status panel has htmx load the whole track page, once: the page opened next stays.

        await page.ClickAsync("a:has-text('Edit track')");
        await Assertions.Expect(page.Locator("#title")).ToHaveValueAsync("Draft Title");
        await page.FillAsync("#title", "Final Title");
        await page.FillAsync("#bpm", "96");
        await page.ClickAsync("button:has-text('Save changes')");

        await Assertions.Expect(page.Locator("[data-testid=saved]")).ToBeInViewportAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Final Title");
        await Assertions.Expect(page.Locator("[data-testid=change-log]")).ToContainTextAsync("Title changed from “Draft Title” to “Final Title”");
        await Assertions.Expect(page.Locator("[data-testid=change-log]")).ToContainTextAsync("BPM set to 96");
        await Assertions.Expect(page.Locator("[data-testid=change-log]")).Not.ToContainTextAsync("escription");

        await page.ClickAsync("a:has-text('Edit track')");
        await page.CheckAsync("input[name=confirm]");
        await page.ClickAsync("button:has-text('Delete track')");
        await page.WaitForURLAsync("**/me/uploads?deleted=1");
        await Assertions.Expect(page.Locator("main")).Not.ToContainTextAsync("Final Title");
    }

    public void Dispose() => _files.Dispose();
}
