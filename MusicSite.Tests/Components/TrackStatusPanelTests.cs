using MusicSite.Catalog;
using MusicSite.Tests.Infrastructure;
using MusicSite.Web.Components.Shared;

namespace MusicSite.Tests.Components;

public sealed class TrackStatusPanelTests
{
    private static TrackDetail Track(string state, int progress = 0, string? step = null, string? error = null) => new(
        42, "Title", "Artist", null, null, null, null, [], [], null, null, new LicenseRef("cc-by", "CC BY", null),
        true, false, new UploaderRef(1, "Uploader"), 60, new ProcessingInfo(state, progress, step, error, 1),
        null, null, [], false, false, DateTime.UtcNow, DateTime.UtcNow);

    [Theory]
    [InlineData("pending", "queued", 0, "Waiting to be processed", "Queued")]
    [InlineData("processing", "variants", 55, "Processing", "Encoding streaming versions")]
    [InlineData("processing", "waveform", 92, "Processing", "Drawing the waveform")]
    public async Task Unfinished_ShowsStepAndProgress_AndPollsForUpdates(string state, string step, int progress, string heading, string label)
    {
        var doc = await ComponentRenderer.RenderAsync<TrackStatusPanel>(new Dictionary<string, object?>
        {
            [nameof(TrackStatusPanel.Track)] = Track(state, progress, step),
        });

        var panel = doc.QuerySelector("#track-status")!;
        Assert.Equal("/tracks/42/status", panel.GetAttribute("hx-get"));
        Assert.Equal("sse:progress", panel.GetAttribute("hx-trigger"));
        Assert.Equal("/live/tracks/42/progress", panel.GetAttribute("sse-connect"));
        Assert.Equal("2s", panel.GetAttribute("data-live-poll"));
        Assert.Equal(heading, panel.QuerySelector("h2")!.TextContent);
        Assert.Equal(label, panel.QuerySelector("label")!.TextContent);
        Assert.Equal(progress.ToString(), panel.QuerySelector("progress")!.GetAttribute("value"));
        Assert.NotNull(panel.QuerySelector("noscript"));
    }

    [Fact]
    public async Task Failed_ShowsTheReason_AndStopsPolling()
    {
        var doc = await ComponentRenderer.RenderAsync<TrackStatusPanel>(new Dictionary<string, object?>
        {
            [nameof(TrackStatusPanel.Track)] = Track("failed", error: "ffmpeg could not be started: is it installed?"),
        });

        var panel = doc.QuerySelector("#track-status")!;
        Assert.Null(panel.GetAttribute("hx-get"));
        Assert.Equal("ffmpeg could not be started: is it installed?", panel.QuerySelector("[data-testid=processing-error]")!.TextContent);
    }

    [Fact]
    public async Task Ready_IsAnEmptyPlaceholder()
    {
        var doc = await ComponentRenderer.RenderAsync<TrackStatusPanel>(new Dictionary<string, object?>
        {
            [nameof(TrackStatusPanel.Track)] = Track("ready", 100),
        });

        var panel = doc.QuerySelector("#track-status")!;
        Assert.Empty(panel.Children);
        Assert.Null(panel.GetAttribute("hx-get"));
    }

    [Fact]
    public async Task Ready_AsHtmxAsked_LoadsTheWholePageOnce_WithoutItsStream()
    {
        var doc = await ComponentRenderer.RenderAsync<TrackStatusPanel>(new Dictionary<string, object?>
        {
            [nameof(TrackStatusPanel.Track)] = Track("ready", 100),
            [nameof(TrackStatusPanel.LoadPage)] = true,
        });

        var panel = doc.QuerySelector("#track-status")!;
        Assert.Equal("/tracks/42", panel.GetAttribute("hx-get"));
        Assert.Equal("load", panel.GetAttribute("hx-trigger"));
        Assert.Equal("#main", panel.GetAttribute("hx-target"));
        Assert.Equal("#main", panel.GetAttribute("hx-select"));
        Assert.Null(panel.GetAttribute("sse-connect"));
        Assert.Null(panel.GetAttribute("data-live-poll"));
    }

    [Fact]
    public async Task NotReady_AsHtmxAsked_StaysLive()
    {
        var doc = await ComponentRenderer.RenderAsync<TrackStatusPanel>(new Dictionary<string, object?>
        {
            [nameof(TrackStatusPanel.Track)] = Track("processing", 40, "loudness"),
            [nameof(TrackStatusPanel.LoadPage)] = true,
        });

        Assert.Equal("/tracks/42/status", doc.QuerySelector("#track-status")!.GetAttribute("hx-get"));
    }
}
