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
}
