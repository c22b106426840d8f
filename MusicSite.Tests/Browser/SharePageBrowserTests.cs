using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MusicSite.Catalog;
using MusicSite.Playback;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Browser;

/// <summary>A share link opens a private track's page for a listener who is not signed in, on a laptop and a phone.</summary>
[Trait("Category", "Slow")]
public sealed class SharePageBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private async Task<string> SharedPrivateTrackAsync(string title)
    {
        var id = await TestCatalog.AddReadyTrackAsync(browser.Site.Services, title, seconds: 40, isPublic: false);
        await using var scope = browser.Site.Services.CreateAsyncScope();
        var made = await scope.ServiceProvider.GetRequiredService<ShareLinks>().CreateAsync(id, new Viewer(null, IsAdmin: true),
            TimeSpan.FromDays(1), default);
        return ShareLinks.PagePath(made.Value!.Token);
    }

    [Theory]
    [InlineData(Viewport.Desktop)]
    [InlineData(Viewport.Phone)]
    public async Task SharePage_PlaysThePrivateTrackInTheSitePlayer_WithoutSigningIn(Viewport viewport)
    {
        var path = await SharedPrivateTrackAsync($"Shared Tone {viewport}");
        var page = await browser.NewPageAsync(viewport);
        await page.GotoAsync(path);

        await Assertions.Expect(page.Locator("main h1")).ToHaveTextAsync($"Shared Tone {viewport}");
        await Assertions.Expect(page.Locator("button[data-copy]")).ToBeVisibleAsync();
        await page.ClickAsync("[data-testid=share-play]");
        await page.WaitForFunctionAsync("() => { const a = document.querySelector('#player audio'); return a && a.currentTime > 0.5 && !a.paused; }");
        Assert.Contains("token=", await page.EvaluateAsync<string>("() => document.querySelector('#player audio').currentSrc"));
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"),
            "the share page scrolls sideways");
    }

    [Fact]
    public async Task SharePage_WithoutJavaScript_HasAnAudioElementWhoseSourceStreams_AndASelectableLink()
    {
        var path = await SharedPrivateTrackAsync("Shared Tone NoScript");
        var page = await browser.NewPageAsync(Viewport.Phone, javaScript: false);
        await page.GotoAsync(path);

        var audio = page.Locator("main audio[controls]");
        await Assertions.Expect(audio).ToBeVisibleAsync();
        // Page scripts are off, so the element is not driven from here: its source, fetched in the same browser session
        // (no sign-in), must stream the private track.
        var source = await page.APIRequest.GetAsync(await audio.GetAttributeAsync("src") ?? "");
        Assert.Equal(200, source.Status);
        Assert.StartsWith("audio/", source.Headers["content-type"], StringComparison.Ordinal);
        await Assertions.Expect(page.Locator("#share-url")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("button[data-copy]")).ToBeHiddenAsync();
    }
}
