using Microsoft.Playwright;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Browser;

/// <summary>The Stems section of a track page in Chromium: three stems made by ffmpeg.</summary>
[Trait("Category", "Slow")]
public sealed class StemPlayerBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private async Task<(int Track, int[] Stems)> TrackWithStemsAsync(string title)
    {
        var track = await TestCatalog.AddReadyTrackAsync(browser.Site.Services, title, seconds: 30);
        var stems = new[] { ("Kick", "Kick", 55), ("Bass", "Synth Bass", 110), ("Lead", "Lead Synth", 660) };
        var ids = new List<int>();
        foreach (var (name, instrument, frequency) in stems)
        {
            ids.Add(await TestStems.AddAsync(browser.Site.Services, track, new StemSeed(name, Instrument: instrument)
                { AudioSeconds = 30, Frequency = frequency }));
        }
        return (track, ids.ToArray());
    }

    [Fact]
    public async Task WithoutJavaScript_EachStemHasItsOwnPlayerAndDownload()
    {
        var (track, stems) = await TrackWithStemsAsync("Plain Layers");
        var page = await browser.NewPageAsync(javaScript: false);
        await page.GotoAsync($"/tracks/{track}");

        foreach (var stem in stems)
        {
            var channel = page.Locator($"[data-stem-channel='{stem}']");
            await Assertions.Expect(channel.Locator("audio[controls]")).ToBeVisibleAsync();
            Assert.Equal($"/api/stems/{stem}/stream", await channel.Locator("audio").GetAttributeAsync("src"));
            await Assertions.Expect(channel.Locator($"a[href='/api/stems/download/{stem}']")).ToBeVisibleAsync();
            await Assertions.Expect(channel.Locator("[data-stem-mute]")).ToBeHiddenAsync();
        }
        await Assertions.Expect(page.Locator("[data-stem-toggle]")).ToBeHiddenAsync();
    }
}
