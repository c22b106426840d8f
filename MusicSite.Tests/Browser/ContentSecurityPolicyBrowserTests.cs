using Microsoft.Playwright;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Browser;

/// <summary>
/// Security finding 4 in a real browser: under the site's Content-Security-Policy (no inline script or style,
/// no eval) the pages, htmx navigation, the player and the album covers work, and Chromium reports no violation.
/// </summary>
[Trait("Category", "Slow")]
public sealed class ContentSecurityPolicyBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Pages_BrowsedWithScript_ReportNoContentSecurityPolicyViolation()
    {
        await TestCatalog.AddReadyTrackAsync(browser.Site.Services, "Policy Tone", seconds: 30);
        var artist = await browser.Site.ArtistClientAsync();
        var album = await artist.PostAsync("/api/music/albums", new MultipartFormDataContent { { new StringContent("Coverless"), "title" } });
        Assert.Equal(201, (int)album.StatusCode);

        var page = await browser.NewPageAsync();
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                violations.Add("console: " + message.Text);
            }
        };
        page.PageError += (_, error) => violations.Add("page error: " + error);
        // Playwright's init script is not subject to the page's policy: it records what the browser blocks.
        await page.AddInitScriptAsync("""
            window.__violations = [];
            document.addEventListener("securitypolicyviolation", function (e) {
              window.__violations.push(e.violatedDirective + " blocked " + e.blockedURI + " at " + e.sourceFile + ":" + e.lineNumber);
            });
            """);

        await page.GotoAsync("/account/register");
        await page.FillAsync("#email", $"policy-{Guid.NewGuid():N}@example.com");
        await page.FillAsync("#displayName", "Policy Artist");
        await page.FillAsync("#password", "Passw0rdOk");
        await page.CheckAsync("input[type=radio][value=Artist]");
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page.Locator("[data-testid=account-name]")).ToHaveTextAsync("Policy Artist");
        await CollectAsync(page, violations);

        // The player: script, media and the waveform fetch.
        await page.ClickAsync("a[data-play][data-title='Policy Tone']");
        await Assertions.Expect(page.Locator("#player-meta")).ToContainTextAsync("Policy Tone");
        await page.WaitForFunctionAsync("() => document.getElementById('player-audio').currentTime > 0.2");

        // htmx-boosted navigation, and the album without artwork shows its generated SVG cover (served with the
        // media policy's sandbox, which an <img> does not mind).
        await page.ClickAsync("nav.site-nav a:has-text('Albums')");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Albums");
        await Assertions.Expect(page.Locator("article.album-card:has-text('Coverless')")).ToBeVisibleAsync();
        await page.WaitForFunctionAsync(
            "() => { const img = document.querySelector(\"article.album-card img.cover\"); return img && img.complete && img.naturalWidth > 0; }");
        await CollectAsync(page, violations);

        // htmx's live search (hx-get with a trigger), then the upload page with tus-js-client loaded.
        await page.ClickAsync("nav.site-nav a:has-text('Catalog')");
        await page.FillAsync("#search", "Policy");
        await Assertions.Expect(page.Locator("#results")).ToContainTextAsync("Policy Tone");
        await page.ClickAsync("nav.site-nav a:has-text('Upload')");
        await Assertions.Expect(page.Locator("form[data-upload-form]")).ToBeVisibleAsync();
        // site.js loads tus-js-client (a script file of the site's own) once the upload form is on the page.
        await page.WaitForFunctionAsync("() => !!window.tus && !!window.htmx");
        // htmx was told not to inject its indicator style, which the policy would block.
        Assert.Equal(0, await page.EvaluateAsync<int>("() => document.querySelectorAll('head style').length"));
        await CollectAsync(page, violations);

        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }

    private static async Task CollectAsync(IPage page, List<string> violations) =>
        violations.AddRange(await page.EvaluateAsync<string[]>("() => window.__violations.splice(0)"));
}
