using Microsoft.Playwright;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Browser;

/// <summary>The pages the browser tests open really are the screen and colour scheme they ask for.</summary>
public sealed class BrowserLooksTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Theory]
    [MemberData(nameof(BrowserLooks.All), MemberType = typeof(BrowserLooks))]
    public async Task NewPage_AtAViewportAndScheme_IsThatScreenInThatScheme(Viewport viewport, ColorScheme scheme)
    {
        var page = await browser.NewPageAsync(viewport, scheme);
        await page.GotoAsync("/");

        var seen = await page.EvaluateAsync<int[]>(
            "() => [innerWidth, innerHeight, matchMedia('(prefers-color-scheme: dark)').matches ? 1 : 0, matchMedia('(pointer: coarse)').matches ? 1 : 0]");

        var size = viewport.Size();
        Assert.Equal([size.Width, size.Height, scheme == ColorScheme.Dark ? 1 : 0, viewport == Viewport.Phone ? 1 : 0], seen);
    }
}
