using MusicSite.Web.Components.LineageView;

namespace MusicSite.Tests.Lineage;

/// <summary>The pure layout of the lineage picture: rows by generation, no overlapping boxes, "+N more" folding.</summary>
public sealed class LineageLayoutTests
{
    private static void AssertNoOverlap(IReadOnlyList<PlacedBox> boxes)
    {
        for (var i = 0; i < boxes.Count; i++)
        {
            for (var j = i + 1; j < boxes.Count; j++)
            {
                var (a, b) = (boxes[i], boxes[j]);
                var apart = a.X + a.Width <= b.X || b.X + b.Width <= a.X || a.Y + a.Height <= b.Y || b.Y + b.Height <= a.Y;
                Assert.True(apart, $"{a.Box.Key} ({a.X},{a.Y}) overlaps {b.Box.Key} ({b.X},{b.Y})");
            }
        }
    }

    [Fact]
    public void Arrange_FiftyWorksAllShown_NoBoxesOverlapAndAllFitTheCanvas()
    {
        var graph = LineageGraphs.Fifty();

        var drawing = LineageLayout.Arrange(graph.Boxes, graph.Links, "#list", maxPerRow: 50);

        Assert.Equal(50, drawing.Boxes.Count);
        AssertNoOverlap(drawing.Boxes);
        Assert.All(drawing.Boxes, b => Assert.True(b.X >= 0 && b.Y >= 0 && b.X + b.Width <= drawing.Width && b.Y + b.Height <= drawing.Height));
        Assert.Equal(graph.Links.Count, drawing.Links.Count);
    }

    [Fact]
    public void Arrange_FiftyWorksWithTheDefaultRowLimit_FoldsWideRowsIntoMoreBoxesWithoutOverlap()
    {
        var graph = LineageGraphs.Fifty();

        var drawing = LineageLayout.Arrange(graph.Boxes, graph.Links, "#list");

        AssertNoOverlap(drawing.Boxes);
        Assert.All(drawing.Boxes.GroupBy(b => b.Y), row => Assert.True(row.Count() <= LineageLayout.DefaultMaxPerRow));
        var more = drawing.Boxes.Where(b => b.Box.Shape == LineageShape.More).ToList();
        Assert.NotEmpty(more);
        Assert.All(more, m => Assert.Equal($"+{m.Folded} more", m.Box.Label));
        Assert.All(more, m => Assert.Equal("#list", m.Box.Href));
        // Every work is either drawn or counted in a "+N more" box, never lost.
        Assert.Equal(50, drawing.Boxes.Count(b => b.Box.Shape != LineageShape.More) + drawing.Folded);
    }

    [Fact]
    public void Arrange_Generations_OriginalsAboveTheCurrentTrackDerivativesBelow()
    {
        var graph = LineageGraphs.Fifty();

        var drawing = LineageLayout.Arrange(graph.Boxes, graph.Links, "#list", maxPerRow: 50);

        var y = drawing.Boxes.ToDictionary(b => b.Box.Key, b => b.Y);
        var current = y["t0"];
        Assert.All(drawing.Boxes, b => Assert.Equal(Math.Sign(b.Box.Generation), Math.Sign(b.Y - current)));
        Assert.All(drawing.Boxes.GroupBy(b => b.Box.Generation), g => Assert.Single(g.Select(b => b.Y).Distinct()));
        Assert.True(y["t1"] > y["t2"], "generation -1 sits below generation -2");
    }

    [Fact]
    public void Arrange_Links_RunFromTheOriginalsBottomToTheDerivativesTop()
    {
        var boxes = new List<LineageBox>
        {
            new("a", -1, "Original", "/tracks/1", LineageShape.Track),
            new("b", 0, "Current", "/tracks/2", LineageShape.Current),
        };

        var drawing = LineageLayout.Arrange(boxes, [new LineageLink("a", "b")], "#list");

        var (a, b) = (drawing.Boxes[0], drawing.Boxes[1]);
        var path = Assert.Single(drawing.Links).Path;
        Assert.StartsWith($"M{a.CenterX} {a.Bottom} ", path);
        Assert.EndsWith($" {b.CenterX} {b.Y}", path);
    }

    [Fact]
    public void Arrange_WorksReachableOnlyThroughFoldedOnes_AreFoldedToo()
    {
        // Ten remixes of the current track; the last has a remix of its own, which can only hang off the fold.
        var boxes = new List<LineageBox> { new("c", 0, "Current", "/tracks/1", LineageShape.Current) };
        var links = new List<LineageLink>();
        for (var i = 0; i < 10; i++)
        {
            boxes.Add(new($"r{i}", 1, $"Remix {i}", $"/tracks/{10 + i}", LineageShape.Track));
            links.Add(new("c", $"r{i}"));
        }
        boxes.Add(new("deep", 2, "Remix of remix 9", "/tracks/99", LineageShape.Track));
        links.Add(new("r9", "deep"));

        var drawing = LineageLayout.Arrange(boxes, links, "#list", maxPerRow: 4);

        var keys = drawing.Boxes.Select(b => b.Box.Key).ToList();
        Assert.Equal(["c", "r0", "r1", "r2", "more:1", "more:2"], keys);
        Assert.Equal("+7 more", drawing.Boxes.Single(b => b.Box.Key == "more:1").Box.Label);
        Assert.Equal("+1 more", drawing.Boxes.Single(b => b.Box.Key == "more:2").Box.Label);
        Assert.Contains(drawing.Links, l => l.OriginalKey == "more:1" && l.DerivativeKey == "more:2");
    }

    [Fact]
    public void Arrange_ChildrenSitUnderTheirOriginals_SoLinesDoNotCross()
    {
        var boxes = new List<LineageBox>
        {
            new("c", 0, "Current", "/tracks/1", LineageShape.Current),
            new("left", 1, "Left", "/tracks/2", LineageShape.Track),
            new("right", 1, "Right", "/tracks/3", LineageShape.Track),
            // Listed first, but a remix of "right": it must be placed on the right.
            new("under-right", 2, "Under right", "/tracks/4", LineageShape.Track),
            new("under-left", 2, "Under left", "/tracks/5", LineageShape.Track),
        };
        LineageLink[] links = [new("c", "left"), new("c", "right"), new("right", "under-right"), new("left", "under-left")];

        var drawing = LineageLayout.Arrange(boxes, links, "#list");

        var x = drawing.Boxes.ToDictionary(b => b.Box.Key, b => b.X);
        Assert.True(x["under-left"] < x["under-right"]);
    }

    [Theory]
    [InlineData("Short title", "Short title")]
    [InlineData("Exactly twenty-two ch", "Exactly twenty-two ch")]
    [InlineData("A title that is far too long for a box", "A title that is far…")]
    [InlineData("Averyveryverylongwordwithoutspaces", "Averyveryverylongword…")]
    public void Shorten_LongLabels_EndInAnEllipsisAtAWordWhereOneIsNear(string label, string shown)
    {
        Assert.Equal(shown, LineageLayout.Shorten(label));
    }

    [Fact]
    public void Arrange_SameGraphTwice_GivesTheSameDrawing()
    {
        var graph = LineageGraphs.Fifty();

        var first = LineageLayout.Arrange(graph.Boxes, graph.Links, "#list");
        var second = LineageLayout.Arrange(graph.Boxes, graph.Links, "#list");

        Assert.Equal(first.Boxes, second.Boxes);
        Assert.Equal(first.Links, second.Links);
    }

    [Fact]
    public void Arrange_CurrentTrackWithManyOwnStems_KeepsTheTrackInTheMiddleOfItsRow()
    {
        var boxes = new List<LineageBox> { new("stem-1", 0, "Stem 1", "/stems/1", LineageShape.Stem) };
        var links = new List<LineageLink>();
        for (var i = 2; i <= 9; i++)
        {
            boxes.Add(new($"stem-{i}", 0, $"Stem {i}", $"/stems/{i}", LineageShape.Stem));
            links.Add(new("track-1", $"stem-{i}", "a stem of"));
        }
        boxes.Add(new("track-1", 0, "The track", "/tracks/1", LineageShape.Current));

        var drawing = LineageLayout.Arrange(boxes, links, "#list");

        var row = drawing.Boxes.OrderBy(b => b.X).Select(b => b.Box.Key).ToList();
        Assert.Equal(LineageLayout.DefaultMaxPerRow, row.Count);
        Assert.Equal("track-1", row[row.Count / 2]);
        Assert.Equal("more:0", row[^1]);
    }
}
