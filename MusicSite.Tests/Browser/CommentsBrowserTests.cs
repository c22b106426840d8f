using System.Net.Http.Json;
using Microsoft.Playwright;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Browser;

/// <summary>Timed comments in Chromium: a marker on the waveform seeks the shared player to its moment, and a comment
/// posted in another session appears on an open track page without a reload (the live stream).</summary>
[Trait("Category", "Slow")]
public sealed class CommentsBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Marker_Click_SeeksThePlayerToTheCommentsMoment()
    {
        var fan = await browser.Site.SignedInClientAsync($"marker-{Guid.NewGuid():N}@example.com");
        var trackId = await TestCatalog.AddReadyTrackAsync(browser.Site.Services, "Marked", seconds: 60);
        (await fan.PostAsJsonAsync($"/api/music/tracks/{trackId}/comments", new { content = "The drop", timestamp = 42 })).EnsureSuccessStatusCode();
        var page = await browser.NewPageAsync();
        await page.GotoAsync($"/tracks/{trackId}");

        var marker = page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Comment by .* at 0:42$") });
        await Assertions.Expect(marker).ToBeVisibleAsync();
        await marker.ClickAsync();

        await page.WaitForFunctionAsync("() => { const a = document.getElementById('player-audio'); return a.currentTime >= 41.5 && a.currentTime < 50; }");
        await Assertions.Expect(page.Locator(".comment.is-current [data-testid=comment-content]")).ToHaveTextAsync("The drop");
    }

    [Fact]
    public async Task Comment_PostedInAnotherSession_AppearsWithoutAReload()
    {
        var fan = await browser.Site.SignedInClientAsync($"live-page-{Guid.NewGuid():N}@example.com");
        var trackId = await TestCatalog.AddReadyTrackAsync(browser.Site.Services, "Watched", seconds: 30);
        var page = await browser.NewPageAsync();
        await page.GotoAsync($"/tracks/{trackId}");
        await Assertions.Expect(page.Locator("#comment-threads .empty")).ToBeVisibleAsync();
        await page.EvaluateAsync("() => { window.__sameDocument = true; }");
        // Let the page's stream open before the comment is posted (the stream's "since" covers a race anyway).
        await page.WaitForTimeoutAsync(500);

        (await fan.PostAsJsonAsync($"/api/music/tracks/{trackId}/comments", new { content = "Arrived live", timestamp = 5 })).EnsureSuccessStatusCode();

        await Assertions.Expect(page.Locator("#comment-threads [data-testid=comment-content]")).ToHaveTextAsync("Arrived live");
        await Assertions.Expect(page.Locator("#comment-markers button.comment-marker")).ToHaveCountAsync(1);
        Assert.True(await page.EvaluateAsync<bool>("() => window.__sameDocument === true"));
    }
}
