using MusicSite.Web.Components.LineageView;

namespace MusicSite.Tests.Lineage;

/// <summary>Lineages to lay out: a 50-work graph with long titles, stems, masked works and wide generations.</summary>
public static class LineageGraphs
{
    public sealed record Graph(List<LineageBox> Boxes, List<LineageLink> Links);

    /// <summary>50 works: 5 generations of originals (one removed, two stems), the current track, and 5 generations of
    /// derivatives, 8 to 12 wide (one private). Keys are "t{n}" and hrefs "/tracks/{n}" (stems "s{n}", "/stems/{n}").</summary>
    public static Graph Fifty()
    {
        var boxes = new List<LineageBox> { new("t0", 0, "The Current Track With A Rather Long Title", "/tracks/100", LineageShape.Current, "Test Artist") };
        var links = new List<LineageLink>();
        var next = 1;
        string Add(int generation, LineageShape shape = LineageShape.Track, string? title = null)
        {
            var n = next++;
            var key = shape == LineageShape.Stem ? $"s{n}" : $"t{n}";
            var label = shape switch
            {
                LineageShape.Masked => n % 2 == 0 ? "a private work" : "a removed work",
                LineageShape.Stem => $"Stem {n}: drums",
                _ => title ?? $"Track number {n} of generation {generation} with a long name",
            };
            var href = shape switch
            {
                LineageShape.Masked => null,
                LineageShape.Stem => $"/stems/{n}",
                _ => $"/tracks/{100 + n}",
            };
            boxes.Add(new LineageBox(shape == LineageShape.Masked ? $"masked:{n}" : key, generation, label, href, shape,
                shape == LineageShape.Track ? $"Artist {n}" : null));
            return boxes[^1].Key;
        }

        // Originals: a chain of five back from the current track, with three more direct originals and two stems.
        var below = "t0";
        for (var g = -1; g >= -5; g--)
        {
            var original = Add(g, g == -3 ? LineageShape.Masked : LineageShape.Track);
            links.Add(new LineageLink(original, below, "remix of"));
            below = original;
        }
        for (var i = 0; i < 3; i++)
        {
            links.Add(new LineageLink(Add(-1), "t0", "edit of"));
        }
        var firstOriginal = boxes[1].Key;
        for (var i = 0; i < 2; i++)
        {
            links.Add(new LineageLink(Add(-2, LineageShape.Stem), firstOriginal, "uses the stem"));
        }

        // Derivatives: 8, then 12, 10, 6 and 3 wide.
        var previous = new List<string> { "t0" };
        foreach (var (generation, width) in new[] { (1, 8), (2, 12), (3, 10), (4, 6), (5, 3) })
        {
            var row = new List<string>();
            for (var i = 0; i < width; i++)
            {
                var derivative = Add(generation, generation == 1 && i == 5 ? LineageShape.Masked : LineageShape.Track);
                links.Add(new LineageLink(previous[i * 7 % previous.Count], derivative, "remix of"));
                row.Add(derivative);
            }
            previous = row;
        }
        return new Graph(boxes, links);
    }
}
