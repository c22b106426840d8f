using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
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
        await Assertions.Expect(page.Locator("#player-meta")).ToContainTextAsync("Persistent Tone");
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
        await Assertions.Expect(page.Locator("#player-meta")).ToContainTextAsync("Queue First");
        await Assertions.Expect(page.Locator("#player-next")).ToBeVisibleAsync();
        await page.ClickAsync("#player-next");
        await Assertions.Expect(page.Locator("#player-meta")).ToContainTextAsync("Queue Later");
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
        await Assertions.Expect(page.Locator("#player-meta")).ToContainTextAsync("Queue Later");
        await page.ClickAsync("#player-prev");
        await Assertions.Expect(page.Locator("#player-meta")).ToContainTextAsync("Queue First");
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
    public async Task WithoutJavaScript_PlayLinksOpenTheStream_AndTheTrackPagePlaysItself()
    {
        var id = await TestCatalog.AddReadyTrackAsync(browser.Site.Services, "Plain Link Tone", seconds: 5);
        var page = await browser.NewPageAsync(javaScript: false);
        await page.GotoAsync("/");

        var href = await page.GetAttributeAsync("a[data-play][data-title='Plain Link Tone']", "href");
        var response = await page.APIRequest.GetAsync(href!);
        await page.GotoAsync($"/tracks/{id}");
        var audio = page.Locator("audio.track-audio");

        Assert.Equal($"/api/music/stream/{id}", href);
        Assert.Equal(200, response.Status);
        Assert.Equal("audio/mpeg", response.Headers["content-type"]);
        await Assertions.Expect(audio).ToBeVisibleAsync();
        await Assertions.Expect(audio).ToHaveAttributeAsync("src", $"/api/music/stream/{id}");
        Assert.True((await audio.BoundingBoxAsync())!.Height > 20, "the track page's own player has no height");
        await Assertions.Expect(page.Locator("#player")).ToBeHiddenAsync(); // it needs script; nothing half-works
    }

    [Fact]
    public async Task Space_OnAPlayLink_TogglesWithoutScrolling_AndTypesInAField()
    {
        for (var i = 0; i < 12; i++)
        {
            await TestCatalog.AddReadyTrackAsync(browser.Site.Services, $"Spacebar {i:00}", seconds: 20);
        }
        var page = await browser.NewPageAsync(Viewport.Phone);
        await page.GotoAsync("/tracks?search=Spacebar");
        await page.ClickAsync("a[data-play][data-title='Spacebar 00']");
        await page.WaitForFunctionAsync("() => document.getElementById('player-audio').currentTime > 0.3");
        Assert.True(await page.EvaluateAsync<bool>("() => document.scrollingElement.scrollHeight > innerHeight + 200"),
            "the page must be able to scroll for this test to mean anything");

        var link = page.Locator("a[data-play][data-title='Spacebar 05']");
        await link.FocusAsync();
        var scrolled = await page.EvaluateAsync<double>("() => scrollY");
        await page.Keyboard.PressAsync("Space");
        await page.WaitForFunctionAsync("() => document.getElementById('player-audio').paused");
        Assert.Equal(scrolled, await page.EvaluateAsync<double>("() => scrollY"));
        await page.Keyboard.PressAsync("Space");
        await page.WaitForFunctionAsync("() => !document.getElementById('player-audio').paused");
        Assert.Equal(scrolled, await page.EvaluateAsync<double>("() => scrollY"));

        await page.FocusAsync("#search");
        await page.Keyboard.PressAsync("End");
        await page.Keyboard.PressAsync("Space");
        Assert.EndsWith(" ", await page.InputValueAsync("#search"));
        Assert.False(await page.EvaluateAsync<bool>("() => document.getElementById('player-audio').paused"));
    }

    [Fact]
    public async Task PlayingRow_IsHighlightedInEveryList_AndItsPlayLinkBecomesPause()
    {
        var id = await TestCatalog.AddReadyTrackAsync(browser.Site.Services, "Highlighted Tone", seconds: 20);
        await TestCatalog.AddReadyTrackAsync(browser.Site.Services, "Highlighted Neighbour", seconds: 10);
        var page = await browser.NewPageAsync(Viewport.Desktop);
        await page.GotoAsync("/");

        await page.ClickAsync("a[data-play][data-title='Highlighted Tone']");
        await page.WaitForFunctionAsync("() => document.getElementById('player-audio').currentTime > 0.3");
        await AssertPlayingRowAsync(page, id);
        await Assertions.Expect(page.Locator("li[data-track-id].is-current")).ToHaveCountAsync(1);

        await page.ClickAsync("nav.site-nav a:has-text('Catalog')"); // boosted: the player keeps playing
        await page.FillAsync("#search", "Highlighted");
        await Assertions.Expect(page.Locator("#results")).ToContainTextAsync("Highlighted Tone");
        await AssertPlayingRowAsync(page, id);

        await page.ClickAsync($"li[data-track-id='{id}'] a[data-play]"); // the same link now pauses
        await page.WaitForFunctionAsync("() => document.getElementById('player-audio').paused");
        await Assertions.Expect(page.Locator($"li[data-track-id='{id}'] a[data-play]")).ToHaveAttributeAsync("aria-label", "Play Highlighted Tone by Test Artist");
        await Assertions.Expect(page.Locator($"li[data-track-id='{id}']")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("is-current"));

        await page.GotoAsync($"/tracks/{id}"); // a full load: the restored track is marked on its own page too
        await Assertions.Expect(page.Locator($"a[data-play][data-track-id='{id}']")).ToContainTextAsync("Play");
        await page.ClickAsync($"a.play-button[data-track-id='{id}']");
        await page.WaitForFunctionAsync("() => !document.getElementById('player-audio').paused");
        await Assertions.Expect(page.Locator($"a.play-button[data-track-id='{id}'] .when-playing").Last).ToBeVisibleAsync();
    }

    private static async Task AssertPlayingRowAsync(IPage page, int id)
    {
        var row = page.Locator($"li[data-track-id='{id}']");
        await Assertions.Expect(row).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("is-current"));
        await Assertions.Expect(row.Locator("a[data-play]")).ToHaveAttributeAsync("aria-label", "Pause Highlighted Tone by Test Artist");
        await Assertions.Expect(row.Locator("a[data-play] svg.when-playing")).ToBeVisibleAsync();
        await Assertions.Expect(row.Locator("a[data-play] svg.when-paused")).ToBeHiddenAsync();
        var background = await row.EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor");
        var other = await page.Locator("li[data-track-id]:not(.is-current)").First.EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor");
        Assert.NotEqual(other, background);
    }

    [Fact]
    public async Task Queue_ReorderedAndPaused_SurvivesAReload_WithVolumeAndMute()
    {
        await TestCatalog.AddReadyTrackAsync(browser.Site.Services, "Reload Third", seconds: 30);
        await TestCatalog.AddReadyTrackAsync(browser.Site.Services, "Reload Second", seconds: 30);
        await TestCatalog.AddReadyTrackAsync(browser.Site.Services, "Reload First", seconds: 30);
        var page = await browser.NewPageAsync(Viewport.Desktop);
        await page.GotoAsync("/tracks?search=Reload");
        var titles = await page.Locator("ol.track-list a[data-play]").EvaluateAllAsync<string[]>("links => links.map(a => a.dataset.title)");
        await page.ClickAsync($"a[data-play][data-title='{titles[0]}']");
        await page.WaitForFunctionAsync("() => document.getElementById('player-audio').currentTime > 0.3");

        await page.ClickAsync("#player-queue-toggle");
        await Assertions.Expect(page.Locator("#player-queue-list li")).ToHaveCountAsync(3);
        await page.Locator($"#player-queue-list button[aria-label='Move {titles[2]} up']").FocusAsync();
        await page.Keyboard.PressAsync("Enter"); // buttons, so the keyboard reorders too
        Assert.Equal($"Move {titles[2]} up", await page.EvaluateAsync<string>("() => document.activeElement.getAttribute('aria-label')"));
        string[] reordered = [titles[0], titles[2], titles[1]];
        Assert.Equal(reordered, await QueueTitlesAsync(page));
        await page.EvaluateAsync("() => { const v = document.getElementById('player-volume'); v.value = '40'; v.dispatchEvent(new Event('input')); }");
        await page.ClickAsync("#player-mute");
        await page.EvaluateAsync("() => { const a = document.getElementById('player-audio'); a.currentTime = 12; a.pause(); }");
        await page.WaitForFunctionAsync("() => document.getElementById('player-audio').paused");

        await page.ReloadAsync();

        await Assertions.Expect(page.Locator("#player")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#player-meta")).ToContainTextAsync(titles[0]);
        await page.WaitForFunctionAsync("() => Math.abs(document.getElementById('player-audio').currentTime - 12) < 1.5");
        Assert.True(await page.EvaluateAsync<bool>("() => document.getElementById('player-audio').paused"));
        await Assertions.Expect(page.Locator("#player-elapsed")).ToHaveTextAsync("0:12");
        Assert.Equal(reordered, await QueueTitlesAsync(page));
        Assert.Equal("40", await page.InputValueAsync("#player-volume"));
        await Assertions.Expect(page.Locator("#player-mute")).ToHaveAttributeAsync("aria-pressed", "true");
        Assert.True(await page.EvaluateAsync<bool>("() => document.getElementById('player-audio').muted"));

        await page.ClickAsync("#player-next"); // the queue still plays in its new order
        await Assertions.Expect(page.Locator("#player-meta")).ToContainTextAsync(titles[2]);
        await page.ClickAsync("#player-queue-toggle");
        await page.ClickAsync("#player-queue-clear");
        Assert.Equal([titles[2]], await QueueTitlesAsync(page));
    }

    private static Task<string[]> QueueTitlesAsync(IPage page) =>
        page.Locator("#player-queue-list .queue-title").EvaluateAllAsync<string[]>("spans => spans.map(s => s.textContent)");

    [Fact]
    public async Task ShortTrack_PlayedPastHalfItsLength_CountsOnePlay()
    {
        var id = await TestCatalog.AddReadyTrackAsync(browser.Site.Services, "Short Demo Tone", seconds: 18);
        var page = await browser.NewPageAsync(Viewport.Desktop);
        await page.GotoAsync($"/tracks/{id}");
        var counted = page.WaitForResponseAsync(r => r.Url.EndsWith($"/api/music/tracks/{id}/plays", StringComparison.Ordinal));

        await page.ClickAsync($"a.play-button[data-track-id='{id}']");
        var response = await counted;

        Assert.Equal(200, response.Status);
        Assert.True(await page.EvaluateAsync<double>($"() => document.getElementById('player-audio').currentTime") is >= 9 and < 15,
            "the play is reported after half the track, not after 30 seconds");
        await using var scope = browser.Site.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MusicSite.Data.MusicSiteDbContext>();
        Assert.Equal(1, await db.Tracks.Where(t => t.Id == id).Select(t => t.PlayCount).SingleAsync());
    }
}
