using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using MusicSite.Tests.Infrastructure;
using MusicSite.Tests.Lineage;

namespace MusicSite.Tests.Browser;

/// <summary>The lineage SVG in Chromium: a 50-work lineage renders without overlapping boxes, and its boxes open the
/// pages of their works.</summary>
[Trait("Category", "Slow")]
public sealed class LineageBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private sealed record Rendered(string? Key, string? Href, double X, double Y, double Width, double Height);

    /// <summary>50 works within the picture's three generations each way: 10 originals, the track, 39 derivatives.</summary>
    private async Task<(int Root, List<int> All)> FiftyAsync()
    {
        var data = new LineageData(browser.Site.Services);
        var owner = await data.UserAsync("Fifty");
        var root = await data.TrackAsync(owner, "The Track In The Middle Of Fifty");
        var all = new List<int> { root };
        async Task<List<int>> RowAsync(List<int> previous, int count, int generation, bool originals)
        {
            var row = new List<int>();
            for (var i = 0; i < count; i++)
            {
                var id = await data.TrackAsync(owner, $"Generation {generation} work {i} with a long title");
                var other = previous[i % previous.Count];
                await (originals ? data.LinkAsync(id, other) : data.LinkAsync(other, id));
                row.Add(id);
            }
            all.AddRange(row);
            return row;
        }
        var up = await RowAsync([root], 3, -1, originals: true);
        up = await RowAsync(up, 4, -2, originals: true);
        await RowAsync(up, 3, -3, originals: true);
        var down = await RowAsync([root], 8, 1, originals: false);
        down = await RowAsync(down, 16, 2, originals: false);
        await RowAsync(down, 15, 3, originals: false);
        Assert.Equal(50, all.Count);
        return (root, all);
    }

    [Fact]
    public async Task LineagePicture_FiftyWorks_RendersWithoutOverlappingBoxesAndLinksEachToItsPage()
    {
        var (root, all) = await FiftyAsync();
        var page = await browser.NewPageAsync();

        await page.GotoAsync($"/tracks/{root}");
        var boxes = JsonSerializer.Deserialize<List<Rendered>>(await page.EvaluateAsync<string>("""
            () => JSON.stringify([...document.querySelectorAll('#lineage svg .lineage-node')].map(n => {
                const b = n.getBBox();
                return { Key: n.getAttribute('data-key'), Href: n.getAttribute('href'), X: b.x, Y: b.y, Width: b.width, Height: b.height };
            }))
            """))!;

        Assert.InRange(boxes.Count, 15, 42); // wide rows fold into "+N more"
        for (var i = 0; i < boxes.Count; i++)
        {
            Assert.True(boxes[i].Width > 100 && boxes[i].Height > 30, $"{boxes[i].Key} is drawn {boxes[i].Width}×{boxes[i].Height}");
            for (var j = i + 1; j < boxes.Count; j++)
            {
                var (a, b) = (boxes[i], boxes[j]);
                var apart = a.X + a.Width <= b.X || b.X + b.Width <= a.X || a.Y + a.Height <= b.Y || b.Y + b.Height <= a.Y;
                Assert.True(apart, $"{a.Key ?? a.Href} overlaps {b.Key ?? b.Href} in the rendering");
            }
        }
        foreach (var box in boxes.Where(b => b.Key is { } key && key.StartsWith("track-", StringComparison.Ordinal)))
        {
            var id = int.Parse(box.Key!["track-".Length..]);
            Assert.Contains(id, all);
            Assert.Equal($"/tracks/{id}", box.Href);
        }
        Assert.All(boxes.Where(b => b.Key?.StartsWith("more:", StringComparison.Ordinal) == true), b => Assert.Equal("#lineage-list", b.Href));

        // A box is a real link: clicking a derivative opens its page.
        var target = boxes.First(b => b.Key is { } k && k.StartsWith("track-", StringComparison.Ordinal) && k != $"track-{root}");
        await page.Locator($"#lineage svg a[data-key='{target.Key}']").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/tracks/{target.Key!["track-".Length..]}$"));
        await Assertions.Expect(page.Locator("main h1")).ToContainTextAsync("Generation");
    }
}
