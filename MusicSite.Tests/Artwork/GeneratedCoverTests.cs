using System.Globalization;
using System.Xml.Linq;
using MusicSite.Media;

namespace MusicSite.Tests.Artwork;

/// <summary>The cover drawn for items without artwork: the same for the same title, different for different ones,
/// and a plain self-contained SVG (no script, no text, no outside reference).</summary>
public sealed class GeneratedCoverTests
{
    [Fact]
    public void Svg_SameTitle_IsTheSameDrawing()
    {
        Assert.Equal(GeneratedCover.Svg("Night Drive"), GeneratedCover.Svg("Night Drive"));
        Assert.Equal(GeneratedCover.Svg("Night Drive"), GeneratedCover.Svg("  Night Drive "));
    }

    [Fact]
    public void ColoursFor_TwoTitles_HaveBackgroundsFarApart()
    {
        var night = GeneratedCover.ColoursFor("Night Drive");
        var morning = GeneratedCover.ColoursFor("Morning Tea");

        // Euclidean distance in RGB: 0 is identical, above ~60 is plainly a different colour.
        Assert.True(Distance(night.Background, morning.Background) > 60,
            $"{night.Background} and {morning.Background} are too close");
        Assert.NotEqual(GeneratedCover.Svg("Night Drive"), GeneratedCover.Svg("Morning Tea"));
    }

    [Fact]
    public void ColoursFor_ManyTitles_ShapesAlwaysStandOutFromTheBackground()
    {
        foreach (var title in Enumerable.Range(0, 300).Select(i => $"Track {i}"))
        {
            var colours = GeneratedCover.ColoursFor(title);
            Assert.True(Distance(colours.Background, colours.Shape) > 60, $"{title}: {colours}");
        }
    }

    [Fact]
    public void ColoursFor_ManyTitles_UseManyDifferentBackgrounds()
    {
        var backgrounds = Enumerable.Range(0, 200).Select(i => GeneratedCover.ColoursFor($"Song {i}").Background).ToHashSet();

        Assert.True(backgrounds.Count > 150, $"only {backgrounds.Count} backgrounds for 200 titles");
    }

    [Theory]
    [InlineData("Night Drive")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("\"quoted\" & 'apostrophes'")]
    public void Svg_AnyTitle_IsASquareSelfContainedDrawingWithoutText(string title)
    {
        var svg = GeneratedCover.Svg(title);
        var root = XDocument.Parse(svg).Root!;

        Assert.Equal("svg", root.Name.LocalName);
        Assert.Equal(GeneratedCover.Size.ToString(CultureInfo.InvariantCulture), root.Attribute("width")?.Value);
        Assert.Equal(GeneratedCover.Size.ToString(CultureInfo.InvariantCulture), root.Attribute("height")?.Value);
        var elements = root.DescendantsAndSelf().Select(e => e.Name.LocalName).Distinct().ToList();
        Assert.All(elements, name => Assert.Contains(name, new[] { "svg", "rect", "circle", "polygon" }));
        Assert.DoesNotContain(root.DescendantsAndSelf().SelectMany(e => e.Attributes()),
            a => a.Name.LocalName is "href" or "style" || a.Name.LocalName.StartsWith("on", StringComparison.Ordinal));
        Assert.DoesNotContain(title, svg);
    }

    private static double Distance(string a, string b)
    {
        static (int R, int G, int B) Rgb(string hex) => (Convert.ToInt32(hex[1..3], 16), Convert.ToInt32(hex[3..5], 16), Convert.ToInt32(hex[5..7], 16));
        var (x, y) = (Rgb(a), Rgb(b));
        return Math.Sqrt(Math.Pow(x.R - y.R, 2) + Math.Pow(x.G - y.G, 2) + Math.Pow(x.B - y.B, 2));
    }
}
