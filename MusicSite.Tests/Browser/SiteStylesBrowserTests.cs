using Microsoft.Playwright;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Browser;

/// <summary>What site.css makes of the shared controls, read from Chromium's computed styles.</summary>
public sealed class SiteStylesBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    // The WCAG contrast ratio of two computed CSS colours, and the first opaque background behind an element.
    private const string ContrastScript = """
        (() => {
          const rgb = c => c.match(/[\d.]+/g).map(Number);
          const lum = c => { const [r, g, b] = rgb(c).map(v => { v /= 255; return v <= .03928 ? v / 12.92 : ((v + .055) / 1.055) ** 2.4; }); return .2126 * r + .7152 * g + .0722 * b; };
          window.contrast = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + .05) / (y + .05); };
          window.backdrop = el => { for (let e = el; e; e = e.parentElement) { const c = getComputedStyle(e).backgroundColor; const a = rgb(c); if (a.length < 4 || a[3] > 0) return c; } return 'rgb(255, 255, 255)'; };
        })()
        """;

    [Fact]
    public async Task SearchAndNumberInputs_AreStyledLikeTextInputs()
    {
        var page = await browser.NewPageAsync(Viewport.Desktop);
        await page.GotoAsync("/tracks");

        var looks = await page.EvaluateAsync<string[]>("""
            () => ['input[type=search]', 'input[type=number]', 'input[type=text]'].map(s => {
              const c = getComputedStyle(document.querySelector('main ' + s));
              return [c.borderTopLeftRadius, c.paddingLeft, c.borderTopColor, c.backgroundColor, c.fontFamily, c.width === '0px'].join('|');
            })
            """);

        Assert.Equal(looks[2], looks[0]);
        Assert.Equal(looks[2], looks[1]);
    }

    [Fact]
    public async Task Icons_DrawnFromTheSprite_HaveTheirShapes()
    {
        var id = await TestCatalog.AddReadyTrackAsync(browser.Site.Services, "Sprite Icon Tone", seconds: 2);
        var page = await browser.NewPageAsync(Viewport.Desktop);
        await page.GotoAsync($"/tracks/{id}");

        // The play link's icon: its <use> is drawn from /icons.svg, and it has a box only once the symbol's shapes are
        // there (a missing sprite, a wrong id or a blocked load leaves it 0 wide). Unfilled, as lucide draws it.
        var icon = page.Locator("main a[data-play] svg.icon.when-paused").First;
        await Assertions.Expect(icon).ToBeVisibleAsync();
        await page.WaitForFunctionAsync("""
            () => { const u = document.querySelector('main a[data-play] svg.icon.when-paused use'); return u && u.getBBox().width > 0; }
            """);
        var look = await icon.EvaluateAsync<string[]>("""
            s => { const b = s.querySelector('use').getBBox(); return [String(b.width > 4 && b.height > 4), getComputedStyle(s).fill]; }
            """);

        Assert.Equal(["true", "none"], look);
    }

    [Fact]
    public async Task UploadProgress_BeforeAnyUpload_IsNotShown()
    {
        var page = await browser.NewPageAsync(Viewport.Desktop);
        await page.RegisterInBrowserAsync("Artist");
        await page.GotoAsync("/upload");

        var progress = page.Locator(".upload-progress");
        Assert.Equal("", await progress.GetAttributeAsync("hidden"));
        Assert.Equal("none", await progress.EvaluateAsync<string>("e => getComputedStyle(e).display"));
        await Assertions.Expect(progress).ToBeHiddenAsync();
    }

    [Theory]
    [InlineData("Sign out")]
    [InlineData("Send the link again")]
    public async Task LinkButtons_SubmittingForms_LookLikeLinks(string text)
    {
        var page = await browser.NewPageAsync(Viewport.Desktop);
        await page.RegisterInBrowserAsync();

        var button = page.Locator($"button.link-button:has-text('{text}')");
        var look = await button.EvaluateAsync<string[]>("""
            e => { const c = getComputedStyle(e), a = getComputedStyle(document.querySelector('main a') || document.body);
                   return [c.backgroundColor, c.textDecorationLine, c.paddingTop, c.fontWeight, a.fontWeight]; }
            """);

        Assert.Equal("rgba(0, 0, 0, 0)", look[0]);
        Assert.Equal("underline", look[1]);
        Assert.Equal("0px", look[2]);
        Assert.Equal(look[4], look[3]);
    }

    [Theory]
    [MemberData(nameof(BrowserLooks.Schemes), MemberType = typeof(BrowserLooks))]
    public async Task FocusRing_OnEveryTabStopOfTheHomePage_ContrastsAtLeast3To1WithWhatSurroundsIt(ColorScheme scheme)
    {
        var page = await browser.NewPageAsync(Viewport.Desktop, scheme);
        await page.GotoAsync("/");
        await page.EvaluateAsync(ContrastScript);

        var seen = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var ring = await page.EvaluateAsync<string[]>("""
                () => { const e = document.activeElement, c = getComputedStyle(e);
                        return [e.outerHTML.slice(0, 60), c.outlineStyle, c.outlineWidth, contrast(c.outlineColor, backdrop(e.parentElement)).toFixed(2)]; }
                """);
            seen.Add(string.Join(" ", ring));
            Assert.True(ring[1] == "solid" && ring[2] != "0px", $"No focus ring on {ring[0]}");
            Assert.True(double.Parse(ring[3], System.Globalization.CultureInfo.InvariantCulture) >= 3,
                $"Focus ring contrast {ring[3]}:1 on {ring[0]} in {scheme}; seen: {string.Join("; ", seen)}");
        }
    }

    [Fact]
    public async Task Text_IsSetInTheSelfHostedInterFont()
    {
        var page = await browser.NewPageAsync(Viewport.Desktop);
        var fonts = new List<string>();
        page.Response += (_, response) => { if (response.Url.Contains("/fonts/", StringComparison.Ordinal)) fonts.Add(response.Url); };
        await page.GotoAsync("/");

        var loaded = await page.EvaluateAsync<string[]>("""
            async () => { await document.fonts.ready;
                          return [...document.fonts].filter(f => f.status === 'loaded').map(f => f.family + ' ' + f.display); }
            """);

        Assert.Contains("Inter Variable swap", loaded);
        Assert.StartsWith("\"Inter Variable\"", await page.EvaluateAsync<string>("() => getComputedStyle(document.body).fontFamily"));
        Assert.Equal(["/fonts/inter-latin-wght-normal.woff2"], fonts.Select(u => new Uri(u).AbsolutePath).Distinct());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task PhoneHeader_IsOneShortRow_WhoseMenuOpensWithOrWithoutJavaScript(bool javaScript)
    {
        var page = await browser.NewPageAsync(Viewport.Phone, ColorScheme.Light, javaScript);
        await page.GotoAsync("/");
        var catalog = page.Locator("nav.site-nav a[href='/tracks']");

        var closed = await page.Locator("#site-header").BoundingBoxAsync();
        Assert.InRange(closed!.Height, 40, 64);
        await Assertions.Expect(catalog).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("a:has-text('Sign in')")).ToBeHiddenAsync();

        await page.ClickAsync("summary.site-menu-toggle");
        await Assertions.Expect(catalog).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("a:has-text('Sign in')")).ToBeVisibleAsync();
        Assert.True((await catalog.BoundingBoxAsync())!.Height >= 44, "menu links are comfortable tap targets");

        await catalog.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/tracks$"));
        // The new page's header arrives with its menu folded again.
        await Assertions.Expect(page.Locator("details.site-menu")).Not.ToHaveAttributeAsync("open", "");
        await Assertions.Expect(catalog).ToBeHiddenAsync();
    }

    [Fact]
    public async Task DesktopHeader_ShowsItsLinksWithoutAMenuButton()
    {
        var page = await browser.NewPageAsync(Viewport.Desktop);
        await page.GotoAsync("/");

        await Assertions.Expect(page.Locator("summary.site-menu-toggle")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("nav.site-nav a[href='/tracks']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("nav.account-menu a:has-text('Sign in')")).ToBeVisibleAsync();
        var header = await page.Locator("#site-header").BoundingBoxAsync();
        Assert.InRange(header!.Height, 40, 80);
    }
}
