using Microsoft.Playwright;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Browser;

/// <summary>An artist uploads through the form and watches the track become playable.</summary>
[Trait("Category", "Slow")]
public sealed class UploadBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>, IDisposable
{
    private readonly TempDirectory _files = new("musicsite-upload-browser");

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task UploadForm_CreatesATrack_ThatBecomesReadyOnItsPage(bool javaScript)
    {
        var page = await browser.NewPageAsync(javaScript);
        var resumable = new List<string>();
        page.Request += (_, request) =>
        {
            if (request.Url.Contains("/api/uploads", StringComparison.Ordinal))
            {
                resumable.Add(request.Method);
            }
        };
        await RegisterArtistAsync(page);
        var title = javaScript ? "Form Upload With Script" : "Form Upload Without Script";

        await page.ClickAsync("nav.site-nav a:has-text('Upload')");
        await page.SetInputFilesAsync("#audio", MediaFixtures.Audio(_files.Path, "flac", 4));
        await page.FillAsync("#title", title);
        await ChooseGenresAsync(page, javaScript);
        await page.FillAsync("#tags", "night, warm");
        await page.FillAsync("#bpm", "122");
        await page.FillAsync("#key", "Am");
        await page.SelectOptionAsync("#license", "cc-by");
        await page.ClickAsync("button:has-text('Upload')");

        await page.WaitForURLAsync("**/tracks/*");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(title);
        // With script, the file went through tus-js-client (POST to create, PATCH with the bytes); without, in the form.
        Assert.Equal(javaScript, resumable.Contains("PATCH"));
        // The status panel follows the job (htmx polling, or a meta refresh without script) until it is ready.
        await Assertions.Expect(page.Locator("a[data-play]:has-text('Play')")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Assertions.Expect(page.Locator(".facts")).ToContainTextAsync("Deep House");
        await Assertions.Expect(page.Locator(".facts")).ToContainTextAsync("Ambient");
        await Assertions.Expect(page.Locator(".facts")).Not.ToContainTextAsync("Techno");
        await Assertions.Expect(page.Locator(".facts")).ToContainTextAsync("CC BY");
        await Assertions.Expect(page.Locator(".facts")).ToContainTextAsync("lossless");
        if (javaScript)
        {
            await Assertions.Expect(page.Locator(".waveform canvas")).ToBeVisibleAsync();
        }

        await page.GotoAsync("/me/uploads");
        await Assertions.Expect(page.Locator($".upload-row:has-text('{title}') .state")).ToContainTextAsync("Ready");
    }

    [Fact]
    public async Task UploadForm_RefusedUpload_ShowsMessagesAndKeepsWhatWasTyped_WithoutJavaScript()
    {
        var page = await browser.NewPageAsync(javaScript: false);
        await RegisterArtistAsync(page);

        await page.GotoAsync("/upload");
        await page.SetInputFilesAsync("#audio", MediaFixtures.Audio(_files.Path, "mp3", 2));
        await page.FillAsync("#title", "Kept Title");
        await page.FillAsync("#bpm", "120");
        // The browser itself enforces the fields' HTML limits (BPM range, key pattern); the tag count is the server's.
        await page.FillAsync("#tags", string.Join(",", Enumerable.Range(1, 12).Select(i => $"t{i}")));
        await page.ClickAsync("button:has-text('Upload')");

        await Assertions.Expect(page.Locator("#tags-error")).ToContainTextAsync("at most 10");
        await Assertions.Expect(page.Locator("#title")).ToHaveValueAsync("Kept Title");
        await Assertions.Expect(page.Locator("#bpm")).ToHaveValueAsync("120");

        await page.SetInputFilesAsync("#audio", MediaFixtures.Text(_files.Path, "fake.mp3", "not audio at all"));
        await page.FillAsync("#tags", "fine");
        await page.ClickAsync("button:has-text('Upload')");
        await Assertions.Expect(page.Locator("#audio-error")).ToContainTextAsync("not audio we can use");
    }

    [Fact]
    public async Task UploadPage_IsForArtists()
    {
        var page = await browser.NewPageAsync(javaScript: false);
        await page.GotoAsync("/account/register");
        await page.FillAsync("#email", $"listener-{Guid.NewGuid():N}@example.com");
        await page.FillAsync("#displayName", "Just Listening");
        await page.FillAsync("#password", "Passw0rdOk");
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page.Locator("nav.site-nav a:has-text('Upload')")).ToHaveCountAsync(0);

        var response = await page.GotoAsync("/upload");

        Assert.Equal(403, response!.Status);
    }

    /// <summary>Deep House and Ambient, after choosing and removing Techno: with script through the search field and
    /// the chips, without it by ticking boxes in the genre tree.</summary>
    private static async Task ChooseGenresAsync(IPage page, bool javaScript)
    {
        var chips = page.Locator(".genre-picker [data-genre-chips] li");
        if (!javaScript)
        {
            await page.CheckAsync(".genre-tree input[value=deep-house]");
            await page.CheckAsync(".genre-tree input[value=ambient]");
            await page.CheckAsync(".genre-tree input[value=techno]");
            await page.UncheckAsync(".genre-tree input[value=techno]");
            return;
        }
        var search = page.GetByLabel("Find a genre");
        await search.FillAsync("deep ho");
        // A suggestion shows where the genre sits in the tree.
        await Assertions.Expect(page.GetByRole(AriaRole.Option, new() { Name = "Deep House" })).ToContainTextAsync("Electronic › House");
        await page.GetByRole(AriaRole.Option, new() { Name = "Deep House" }).ClickAsync();
        await search.FillAsync("techno");
        await search.PressAsync("Enter");
        await search.FillAsync("ambient");
        await page.ClickAsync("[role=option][data-value=ambient]");
        // Chips follow the tree's order, as the page shows them after a refused submit.
        await Assertions.Expect(chips).ToHaveTextAsync(["Ambient ×", "Deep House ×", "Techno ×"]);

        await page.GetByRole(AriaRole.Button, new() { Name = "Remove Techno" }).ClickAsync();

        await Assertions.Expect(chips).ToHaveTextAsync(["Ambient ×", "Deep House ×"]);
        await Assertions.Expect(page.Locator(".genre-tree input[value=techno]")).Not.ToBeCheckedAsync();
    }

    private static async Task RegisterArtistAsync(IPage page)
    {
        await page.GotoAsync("/account/register");
        await page.FillAsync("#email", $"uploader-{Guid.NewGuid():N}@example.com");
        await page.FillAsync("#displayName", "Form Artist");
        await page.FillAsync("#password", "Passw0rdOk");
        await page.CheckAsync("input[type=radio][value=Artist]");
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page.Locator("[data-testid=account-name]")).ToHaveTextAsync("Form Artist");
    }

    public void Dispose() => _files.Dispose();
}
