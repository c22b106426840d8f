using Microsoft.Playwright;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Browser;

/// <summary>Settings chosen on /account/settings, as Chromium applies them: the theme overrides the device's scheme,
/// and the player asks for the chosen stream quality when it starts a track.</summary>
public sealed class PreferencesBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Luminance = """
        () => { const [r, g, b] = getComputedStyle(document.body).backgroundColor.match(/[\d.]+/g).map(Number)
                  .map(v => { v /= 255; return v <= .03928 ? v / 12.92 : ((v + .055) / 1.055) ** 2.4; });
                return .2126 * r + .7152 * g + .0722 * b; }
        """;

    private static async Task SaveAsync(IPage page, string theme, string quality)
    {
        await page.GotoAsync("/account/settings");
        await page.CheckAsync($"input[name=theme][value={theme}]");
        await page.SelectOptionAsync("#streamQuality", quality);
        await page.ClickAsync("form[data-testid=settings-form] button[type=submit]");
        await Assertions.Expect(page.Locator("[data-testid=settings-saved]")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Theme_ChosenInSettings_WinsOverTheDevicesScheme()
    {
        var page = await browser.NewPageAsync(Viewport.Desktop, ColorScheme.Light);
        await page.RegisterInBrowserAsync();
        var deviceLight = await page.EvaluateAsync<double>(Luminance);

        await SaveAsync(page, "dark", "high");
        var forcedDark = await page.EvaluateAsync<double>(Luminance);
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { ColorScheme = ColorScheme.Dark });
        await SaveAsync(page, "light", "high");
        var forcedLight = await page.EvaluateAsync<double>(Luminance);
        await SaveAsync(page, "system", "high");
        var deviceDark = await page.EvaluateAsync<double>(Luminance);

        Assert.True(deviceLight > 0.8, $"device light: {deviceLight:0.00}");
        Assert.True(forcedDark < 0.1, $"dark setting on a light device: {forcedDark:0.00}");
        Assert.True(forcedLight > 0.8, $"light setting on a dark device: {forcedLight:0.00}");
        Assert.True(deviceDark < 0.1, $"system setting on a dark device: {deviceDark:0.00}");
    }

    [Fact]
    public async Task StreamQuality_ChosenInSettings_IsWhatThePlayerAsksFor()
    {
        await TestCatalog.AddReadyTrackAsync(browser.Site.Services, "Quality Tone", seconds: 30);
        var page = await browser.NewPageAsync(Viewport.Desktop);
        await page.RegisterInBrowserAsync();
        await SaveAsync(page, "system", "low");

        await page.GotoAsync("/tracks?q=Quality%20Tone");
        await page.ClickAsync("a[data-play][data-title='Quality Tone']");
        await Assertions.Expect(page.Locator("#player-meta")).ToContainTextAsync("Quality Tone");

        var src = await page.EvaluateAsync<string>("() => document.getElementById('player-audio').getAttribute('src')");
        Assert.Matches(@"^/api/music/stream/\d+\?quality=low$", src);
        await page.WaitForFunctionAsync("() => document.getElementById('player-audio').currentTime > 0.2");
    }
}
