using Microsoft.Playwright;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Browser;

/// <summary>The player sits outside the region htmx swaps, so music keeps playing while the listener browses.</summary>
[Trait("Category", "Slow")]
public sealed class PlayerBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Playing_ThenNavigatingThreePages_KeepsTheSamePlayerElementPlaying()
    {
        await TestCatalog.AddReadyTrackAsync(browser.Site.Services, "Persistent Tone", seconds: 90);
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/");

        await page.ClickAsync("a[data-play][data-title='Persistent Tone']");
        await Assertions.Expect(page.Locator("#player-now")).ToContainTextAsync("Persistent Tone");
        await page.WaitForFunctionAsync("() => document.getElementById('player-audio').currentTime > 0.5");
        await page.EvaluateAsync("() => { window.__player = document.getElementById('player-audio'); }");
        var before = await page.EvaluateAsync<double>("() => window.__player.currentTime");

        await page.ClickAsync("nav.site-nav a:has-text('Genres')");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Genres");
        await page.ClickAsync("a[href='/genres/electronic']");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Electronic");
        await page.ClickAsync("nav.site-nav a:has-text('Home')");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Listen, credit, remix.");

        Assert.EndsWith("/", page.Url);
        Assert.True(await page.EvaluateAsync<bool>("() => window.__player === document.getElementById('player-audio')"),
            "the <audio> element was replaced during navigation");
        Assert.False(await page.EvaluateAsync<bool>("() => window.__player.paused"));
        await page.WaitForFunctionAsync($"() => window.__player.currentTime > {before + 1:0.###}");
    }

    [Fact]
    public async Task TrackList_IsAQueue_WithNextPrevious_AndKeyboardControl()
    {
        await TestCatalog.AddReadyTrackAsync(browser.Site.Services, "Queue Later", seconds: 40);
        await TestCatalog.AddReadyTrackAsync(browser.Site.Services, "Queue First", seconds: 40);
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/");

        await page.ClickAsync("a[data-play][data-title='Queue First']");
        await Assertions.Expect(page.Locator("#player-now")).ToContainTextAsync("Queue First");
        await Assertions.Expect(page.Locator("#player-next")).ToBeVisibleAsync();
        await page.ClickAsync("#player-next");
        await Assertions.Expect(page.Locator("#player-now")).ToContainTextAsync("Queue Later");
        await page.WaitForFunctionAsync("() => document.getElementById('player-audio').currentTime > 0.5");

        await page.Locator("h1").ClickAsync(); // focus the page, not a control
        await page.Keyboard.PressAsync("Space");
        await page.WaitForFunctionAsync("() => document.getElementById('player-audio').paused");
        var before = await page.EvaluateAsync<double>("() => document.getElementById('player-audio').currentTime");
        await page.Keyboard.PressAsync("ArrowRight");
        await page.WaitForFunctionAsync($"() => document.getElementById('player-audio').currentTime >= {before + 4.5:0.###}");
        await page.Keyboard.PressAsync("Space");
        await page.WaitForFunctionAsync("() => !document.getElementById('player-audio').paused");

        // Previous restarts a track that has played for more than 3 seconds, and goes back otherwise.
        await page.ClickAsync("#player-prev");
        await page.WaitForFunctionAsync("() => document.getElementById('player-audio').currentTime < 2");
        await Assertions.Expect(page.Locator("#player-now")).ToContainTextAsync("Queue Later");
        await page.ClickAsync("#player-prev");
        await Assertions.Expect(page.Locator("#player-now")).ToContainTextAsync("Queue First");
    }

    [Fact]
    public async Task PlayerWaveform_ShowsThePlayingTrack_AndSeeksWhereClicked()
    {
        var client = await browser.Site.ArtistClientAsync();
        using var files = new TempDirectory();
        var id = (await client.UploadAsync(MediaFixtures.Audio(files.Path, "mp3", 60), ("title", "Seekable"))).GetProperty("id").GetInt32();
        await client.WaitForProcessingAsync(id);
        var page = await browser.NewPageAsync();
        await page.GotoAsync($"/tracks/{id}");

        await page.ClickAsync("a[data-play]:has-text('Play')");
        await Assertions.Expect(page.Locator("#player-wave")).ToBeVisibleAsync();
        await page.WaitForFunctionAsync("() => isFinite(document.getElementById('player-audio').duration)");
        var box = (await page.Locator("#player-wave").BoundingBoxAsync())!;
        await page.Mouse.ClickAsync(box.X + box.Width * 0.75f, box.Y + box.Height / 2);

        await page.WaitForFunctionAsync("() => document.getElementById('player-audio').currentTime > 40");
    }

    [Fact]
    public async Task WithoutJavaScript_APlayLinkOpensTheStream()
    {
        var id = await TestCatalog.AddReadyTrackAsync(browser.Site.Services, "Plain Link Tone", seconds: 5);
        var page = await browser.NewPageAsync(javaScript: false);
        await page.GotoAsync("/");

        var href = await page.GetAttributeAsync("a[data-play][data-title='Plain Link Tone']", "href");
        var response = await page.APIRequest.GetAsync(href!);

        Assert.Equal($"/api/music/stream/{id}", href);
        Assert.Equal(200, response.Status);
        Assert.Equal("audio/mpeg", response.Headers["content-type"]);
    }
}
