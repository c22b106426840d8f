using Microsoft.Playwright;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Browser;

/// <summary>"My uploads" on a phone: rows that wrap, never a table wider than the screen.</summary>
[Trait("Category", "Slow")]
public sealed class MyUploadsBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task MyUploads_OnAPhone_ShowsStateVisibilityPlaysAndActions_WithoutScrollingSideways()
    {
        var page = await browser.NewPageAsync(Viewport.Phone);
        var email = $"phone-{Guid.NewGuid():N}@example.com";
        await page.GotoAsync("/account/register");
        await page.FillAsync("#email", email);
        await page.FillAsync("#displayName", "Phone Artist");
        await page.FillAsync("#password", "Passw0rdOk");
        await page.CheckAsync("input[type=radio][value=Artist]");
        await page.ClickAsync("main button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/account/register", StringComparison.Ordinal));
        await TestCatalog.AddReadyTrackAsync(browser.Site.Services, "A Rather Long Title For A Small Screen Of Three Hundred Ninety", seconds: 2,
            isPublic: false, uploaderEmail: email);

        await page.GotoAsync("/me/uploads");

        var row = page.Locator(".upload-row").First;
        await Assertions.Expect(row).ToContainTextAsync("Ready");
        await Assertions.Expect(row).ToContainTextAsync("Private");
        await Assertions.Expect(row).ToContainTextAsync("0 plays");
        await Assertions.Expect(row.Locator(".upload-thumb")).ToBeVisibleAsync();
        foreach (var action in new[] { "Edit", "Share" })
        {
            var link = row.Locator($".upload-actions a:has-text('{action}')");
            await Assertions.Expect(link).ToBeInViewportAsync();
            var box = await link.BoundingBoxAsync();
            Assert.True(box!.X + box.Width <= 390, $"{action} ends at {box.X + box.Width} px, past the screen");
        }
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"),
            "My uploads scrolls sideways on a phone");
    }
}
