using System.Text;
using System.Xml.Linq;
using MusicSite.Tests.Infrastructure;
using MusicSite.Web.Components.Shared;

namespace MusicSite.Tests.Components;

public sealed class IconTests
{
    [Fact]
    public async Task Icon_WithoutLabel_UsesItsSymbolInTheSprite_HiddenFromAssistiveTechnology()
    {
        var doc = await ComponentRenderer.RenderAsync<Icon>(new Dictionary<string, object?> { [nameof(Icon.Name)] = "play" });

        var svg = doc.QuerySelector("body > svg")!;
        Assert.Equal("icon", svg.GetAttribute("class"));
        Assert.Equal("true", svg.GetAttribute("aria-hidden"));
        Assert.Null(svg.GetAttribute("role"));
        Assert.Equal("none", svg.GetAttribute("fill"));
        var use = Assert.Single(svg.Children);
        Assert.Equal("use", use.LocalName);
        Assert.Equal(IconSet.SpriteUrl + "#play", use.GetAttribute("href"));
        Assert.Matches(@"^/icons\.svg\?v=[0-9a-f]{16}$", IconSet.SpriteUrl);
        Assert.Empty(doc.QuerySelectorAll("[style]"));
    }

    [Fact]
    public async Task Icon_WithLabel_IsAnImageNamedByTheEncodedLabel()
    {
        var doc = await ComponentRenderer.RenderAsync<Icon>(new Dictionary<string, object?>
        {
            [nameof(Icon.Name)] = "pause",
            [nameof(Icon.Label)] = "Pause \"Night\" <now>",
            [nameof(Icon.Class)] = "icon-lg",
        });

        var svg = doc.QuerySelector("body > svg")!;
        Assert.Equal("img", svg.GetAttribute("role"));
        Assert.Equal("Pause \"Night\" <now>", svg.GetAttribute("aria-label"));
        Assert.Null(svg.GetAttribute("aria-hidden"));
        Assert.Equal("icon icon-lg", svg.GetAttribute("class"));
        Assert.Empty(doc.QuerySelectorAll("now"));
    }

    [Fact]
    public async Task Icon_UnknownName_ThrowsNamingTheIcon()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            ComponentRenderer.RenderAsync<Icon>(new Dictionary<string, object?> { [nameof(Icon.Name)] = "no-such-icon" }));
        Assert.Contains("no-such-icon", error.Message);
    }

    [Fact]
    public void IconSet_BundlesTheListedIconsOnly_EachASymbolOfTheSprite()
    {
        var names = IconSet.Names.ToList();
        Assert.Contains("play", names);
        Assert.Contains("skip-forward", names);
        Assert.Contains("menu", names);
        Assert.InRange(names.Count, 10, 150);

        var sprite = XDocument.Parse(Encoding.UTF8.GetString(IconSet.SpriteSvg));
        XNamespace svg = "http://www.w3.org/2000/svg";
        var symbols = sprite.Root!.Elements(svg + "symbol").ToDictionary(e => (string)e.Attribute("id")!);
        Assert.Equal(names.Order(StringComparer.Ordinal), symbols.Keys.Order(StringComparer.Ordinal));
        Assert.All(symbols.Values, symbol =>
        {
            Assert.Equal("0 0 24 24", (string?)symbol.Attribute("viewBox"));
            Assert.Equal("currentColor", (string?)symbol.Attribute("stroke"));
            Assert.Null(symbol.Attribute("fill"));
            Assert.NotEmpty(symbol.Elements());
        });
    }

    [Fact]
    public void Markup_OfADecorativeIcon_IsTheRenderedIcon_BuiltOnce()
    {
        var first = IconSet.Markup("heart", cssClass: "when-playing");

        Assert.Equal(IconSet.Render("heart", cssClass: "when-playing"), first.Value);
        Assert.Same(first.Value, IconSet.Markup("heart", cssClass: "when-playing").Value);
        Assert.Contains("aria-label=\"Like &quot;x&quot;\"", IconSet.Markup("heart", "Like \"x\"").Value);
    }
}
