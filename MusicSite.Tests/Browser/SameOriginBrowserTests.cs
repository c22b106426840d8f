using Microsoft.Playwright;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Browser;

/// <summary>
/// Security finding 6 from the browser's side: the site's own scripts, signed in by the cookie, still change
/// things through the API, since Chromium marks their requests same-origin (Sec-Fetch-Site, Origin).
/// </summary>
[Trait("Category", "Slow")]
public sealed class SameOriginBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task SitesOwnScript_SignedInByCookie_PostsAPlayAndEditsTheProfile()
    {
        var id = await TestCatalog.AddReadyTrackAsync(browser.Site.Services, "Same Origin Tone", seconds: 40);
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/account/register");
        await page.FillAsync("#email", $"same-origin-{Guid.NewGuid():N}@example.com");
        await page.FillAsync("#displayName", "Cookie Listener");
        await page.FillAsync("#password", "Passw0rdOk");
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page.Locator("[data-testid=account-name]")).ToHaveTextAsync("Cookie Listener");

        // The same call site.js makes after 30 s of listening, and a JSON edit of the profile.
        var play = await page.EvaluateAsync<int>($$"""
            () => fetch("/api/music/tracks/{{id}}/plays", {
              method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ seconds: 31 })
            }).then(r => r.status)
            """);
        var profile = await page.EvaluateAsync<int>("""
            () => fetch("/api/auth/me", {
              method: "PUT", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ displayName: "Renamed By Script" })
            }).then(r => r.status)
            """);

        Assert.Equal(200, play);
        Assert.Equal(200, profile);
        Assert.Equal("Renamed By Script", await page.EvaluateAsync<string>("() => fetch('/api/auth/me').then(r => r.json()).then(me => me.displayName)"));
    }
}
