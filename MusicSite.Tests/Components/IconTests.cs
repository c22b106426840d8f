using MusicSite.Tests.Infrastructure;
using MusicSite.Web.Components.Shared;

namespace MusicSite.Tests.Components;

public sealed class IconTests
{
    [Fact]
    public async Task Icon_WithoutLabel_IsAnInlineSvgHiddenFromAssistiveTechnology()
    {
        var doc = await ComponentRenderer.RenderAsync<Icon>(new Dictionary<string, object?> { [nameof(Icon.Name)] = "play" });

        var svg = doc.QuerySelector("body > svg")!;
        Assert.Equal("icon", svg.GetAttribute("class"));
        Assert.Equal("true", svg.GetAttribute("aria-hidden"));
        Assert.Null(svg.GetAttribute("role"));
        Assert.Equal("currentColor", svg.GetAttribute("stroke"));
        Assert.NotNull(svg.QuerySelector("path[d]"));
        Assert.Null(svg.QuerySelector("svg"));
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
    public void IconSet_BundlesTheListedIconsOnly()
    {
        var names = IconSet.Names.ToList();
        Assert.Contains("play", names);
        Assert.Contains("skip-forward", names);
        Assert.Contains("menu", names);
        Assert.InRange(names.Count, 10, 150);
        Assert.All(names, n => Assert.Contains("<", IconSet.Render(n)[5..]));
    }
}
