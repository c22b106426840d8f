using MusicSite.Tests.Infrastructure;
using MusicSite.Web.Components.LineageView;

namespace MusicSite.Tests.Lineage;

/// <summary>The server-rendered lineage SVG and its list: links, masked works, accessible names, no inline style.</summary>
public sealed class LineagePictureTests
{
    private static Task<AngleSharp.Dom.IDocument> RenderAsync(LineageGraphs.Graph graph, int maxPerRow = LineageLayout.DefaultMaxPerRow) =>
        ComponentRenderer.RenderAsync<LineagePicture>(new Dictionary<string, object?>
        {
            [nameof(LineagePicture.Boxes)] = graph.Boxes,
            [nameof(LineagePicture.Links)] = graph.Links,
            [nameof(LineagePicture.MaxPerRow)] = maxPerRow,
        });

    [Fact]
    public async Task Picture_EveryVisibleWork_IsALinkToItsPageWithItsFullNameAsTitle()
    {
        var graph = LineageGraphs.Fifty();

        var doc = await RenderAsync(graph, maxPerRow: 50);

        var nodes = doc.QuerySelectorAll("svg a.lineage-node");
        Assert.Equal(graph.Boxes.Count(b => b.Shape != LineageShape.Masked), nodes.Length);
        foreach (var node in nodes)
        {
            var box = graph.Boxes.Single(b => b.Key == node.GetAttribute("data-key"));
            Assert.Equal(box.Href, node.GetAttribute("href"));
            Assert.StartsWith(box.Label, node.QuerySelector("title")!.TextContent);
        }
        Assert.Contains(doc.QuerySelectorAll("svg a.lineage-stem"), a => a.GetAttribute("href") == "/stems/10");
    }

    [Fact]
    public async Task Picture_MaskedWorks_AreWordsWithoutLinkKeyOrTitle()
    {
        var doc = await RenderAsync(LineageGraphs.Fifty(), maxPerRow: 50);

        var masked = doc.QuerySelectorAll("svg .lineage-masked");
        Assert.Equal(2, masked.Length);
        Assert.All(masked, m =>
        {
            Assert.Equal("g", m.LocalName);
            Assert.Null(m.GetAttribute("data-key"));
            Assert.Null(m.QuerySelector("a, title"));
            Assert.Matches("^a (private|removed) work$", m.QuerySelector(".lineage-label")!.TextContent);
        });
        var listed = doc.QuerySelectorAll(".lineage-list .lineage-masked-text").Select(s => s.TextContent).ToList();
        Assert.Contains("a private work", listed);
        Assert.Contains("a removed work", listed);
        Assert.DoesNotContain(doc.QuerySelectorAll(".lineage-list a"), a => a.TextContent.Contains("work", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Picture_IsAnImageWithASummary_AndTheListNamesEveryWork()
    {
        var graph = LineageGraphs.Fifty();

        var doc = await RenderAsync(graph);

        var svg = doc.QuerySelector("svg [role=img]")!;
        Assert.Empty(svg.QuerySelectorAll("a"));
        Assert.Contains("based on 8 works over 5 generations", svg.GetAttribute("aria-label"));
        Assert.Contains("39 derivatives over 5 generations", svg.GetAttribute("aria-label"));
        Assert.Contains("2 stems used", svg.GetAttribute("aria-label"));
        Assert.Contains("folded", svg.GetAttribute("aria-label"));
        Assert.Equal(50, doc.QuerySelectorAll(".lineage-list li").Length);
        Assert.Equal("#lineage-list", doc.QuerySelector("svg a.lineage-more")!.GetAttribute("href"));
        Assert.Empty(doc.QuerySelectorAll("[style]"));
    }

    [Fact]
    public async Task List_SaysWhatEachWorkIsBuiltOn()
    {
        var boxes = new List<LineageBox>
        {
            new("t1", -1, "Night Drive", "/tracks/1", LineageShape.Track, "Ada"),
            new("s2", -1, "Kick", "/stems/2", LineageShape.Stem),
            new("t3", 0, "Night Drive (Rework)", "/tracks/3", LineageShape.Current, "Bo"),
        };
        LineageLink[] links = [new("t1", "t3", "remix of"), new("s2", "t3", "uses")];

        var doc = await ComponentRenderer.RenderAsync<LineageList>(new Dictionary<string, object?>
        {
            [nameof(LineageList.Boxes)] = boxes,
            [nameof(LineageList.Links)] = links,
        });

        var current = doc.QuerySelector("li[data-key=t3]")!;
        Assert.Equal("Night Drive (Rework) by Bo, remix of Night Drive by Ada and uses the stem Kick",
            string.Join(" ", current.TextContent.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries)).Replace(" ,", ","));
    }

    [Fact]
    public async Task Picture_OnlyTheCurrentTrack_DrawsNothing()
    {
        var doc = await RenderAsync(new LineageGraphs.Graph([new("t0", 0, "Alone", "/tracks/1", LineageShape.Current)], []));

        Assert.Null(doc.QuerySelector("svg"));
    }
}
