using Microsoft.Playwright;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Browser;

/// <summary>
/// The stem player of a track page in Chromium: three stems made by ffmpeg start together on one transport and stay
/// in step, and mute, solo and level set the stems' gain nodes (each channel's data-gain is read back from its node).
/// </summary>
[Trait("Category", "Slow")]
public sealed class StemPlayerBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Positions = "() => Array.from(document.querySelectorAll('[data-stem-channel] audio')).map(a => a.currentTime)";
    private const string Playing = "() => Array.from(document.querySelectorAll('[data-stem-channel] audio')).every(a => !a.paused)";

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

    private static async Task<double> SpreadAsync(IPage page)
    {
        var positions = await page.EvaluateAsync<double[]>(Positions);
        Assert.Equal(3, positions.Length);
        return positions.Max() - positions.Min();
    }

    private static async Task<string[]> GainsAsync(IPage page, int[] stems)
    {
        var gains = new List<string>();
        foreach (var stem in stems)
        {
            gains.Add(await page.GetAttributeAsync($"[data-stem-channel='{stem}']", "data-gain") ?? "");
        }
        return gains.ToArray();
    }

    [Fact]
    public async Task PlayStems_StartsAllTogether_AndAfterFiveSecondsTheyAreWithin50Ms()
    {
        var (track, _) = await TrackWithStemsAsync("Three Layers");
        var page = await browser.NewPageAsync();
        await page.GotoAsync($"/tracks/{track}");

        await page.ClickAsync("[data-stem-toggle]");
        await Assertions.Expect(page.Locator("[data-stem-player]")).ToHaveAttributeAsync("data-state", "playing");

        Assert.True(await page.EvaluateAsync<bool>(Playing), "every stem plays");
        var atStart = await SpreadAsync(page);
        Assert.True(atStart < 0.05, $"the stems started {atStart * 1000:0} ms apart");
        var started = (await page.EvaluateAsync<double[]>(Positions)).Min();
        await page.WaitForFunctionAsync($"() => Math.min(...({Positions})()) >= {started + 5:0.###}", null,
            new PageWaitForFunctionOptions { PollingInterval = 100 });
        var afterFive = await SpreadAsync(page);
        Assert.True(afterFive < 0.05, $"after 5 s the stems are {afterFive * 1000:0} ms apart");
        Assert.True(await page.EvaluateAsync<bool>(Playing), "every stem still plays");

        await page.ClickAsync("[data-stem-toggle]");
        await Assertions.Expect(page.Locator("[data-stem-player]")).ToHaveAttributeAsync("data-state", "paused");
        Assert.False(await page.EvaluateAsync<bool>("() => Array.from(document.querySelectorAll('[data-stem-channel] audio')).some(a => !a.paused)"));
    }

    [Fact]
    public async Task MuteSoloAndLevel_SetOnlyTheirStemsGain()
    {
        var (track, stems) = await TrackWithStemsAsync("Mixable Layers");
        var page = await browser.NewPageAsync();
        await page.GotoAsync($"/tracks/{track}");
        await page.ClickAsync("[data-stem-toggle]");
        await Assertions.Expect(page.Locator("[data-stem-player]")).ToHaveAttributeAsync("data-state", "playing");
        Assert.Equal<string>(["1", "1", "1"], await GainsAsync(page, stems));

        var mute = page.GetByRole(AriaRole.Button, new() { Name = "Mute Bass", Exact = true });
        await mute.ClickAsync();
        await Assertions.Expect(mute).ToHaveAttributeAsync("aria-pressed", "true");
        Assert.Equal<string>(["1", "0", "1"], await GainsAsync(page, stems));

        var solo = page.GetByRole(AriaRole.Button, new() { Name = "Solo Lead", Exact = true });
        await solo.ClickAsync();
        await Assertions.Expect(solo).ToHaveAttributeAsync("aria-pressed", "true");
        Assert.Equal<string>(["0", "0", "1"], await GainsAsync(page, stems));

        await solo.PressAsync("Space"); // keyboard: the same button, not the site's player
        await Assertions.Expect(solo).ToHaveAttributeAsync("aria-pressed", "false");
        Assert.Equal<string>(["1", "0", "1"], await GainsAsync(page, stems));

        await page.GetByRole(AriaRole.Slider, new() { Name = "Level of Kick", Exact = true }).FillAsync("50");
        Assert.Equal<string>(["0.5", "0", "1"], await GainsAsync(page, stems));
        Assert.True(await page.EvaluateAsync<bool>(Playing), "mixing never stops the stems");
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
