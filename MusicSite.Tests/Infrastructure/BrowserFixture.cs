using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace MusicSite.Tests.Infrastructure;

/// <summary>
/// Debian's Chromium driven by Playwright (never `playwright install`), plus the site served by Kestrel on
/// 127.0.0.1 with a port of its own. One per browser test class.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public MusicSiteFactory Site { get; } = new();
    public IBrowser Browser { get; private set; } = null!;
    public string BaseUrl { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Site.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        Site.StartServer();
        BaseUrl = Site.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!
            .Addresses.First().TrimEnd('/');

        Assertions.SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--autoplay-policy=no-user-gesture-required",
            ],
        });
    }

    /// <summary>A page in a fresh context (its own cookies) at 1200×900, light scheme.</summary>
    public Task<IPage> NewPageAsync(bool javaScript = true) =>
        NewPageAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1200, Height = 900 } }, javaScript);

    /// <summary>A page in a fresh context at <paramref name="viewport"/>, with the browser reporting
    /// <paramref name="scheme"/> as the visitor's preferred colour scheme (prefers-color-scheme). With
    /// <paramref name="storageState"/> (from <c>IBrowserContext.StorageStateAsync()</c>) it starts with that
    /// session's cookies, signed in as whoever that session was.</summary>
    public Task<IPage> NewPageAsync(Viewport viewport, ColorScheme scheme = ColorScheme.Light, bool javaScript = true,
        string? storageState = null)
    {
        var options = BrowserLooks.Options(viewport, scheme);
        options.StorageState = storageState;
        return NewPageAsync(options, javaScript);
    }

    private async Task<IPage> NewPageAsync(BrowserNewContextOptions options, bool javaScript)
    {
        options.BaseURL = BaseUrl;
        options.JavaScriptEnabled = javaScript;
        var context = await Browser.NewContextAsync(options);
        // Generous waits: these machines are shared, and ffmpeg jobs run beside the browser.
        context.SetDefaultTimeout(30_000);
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }
        _playwright?.Dispose();
        Site.Dispose();
    }
}
