using MusicSite.Catalog;
using MusicSite.Common;
using MusicSite.Genres;
using MusicSite.Tests.Infrastructure;
using MusicSite.Web.Components.Pages;
using MusicSite.Web.Components.Shared;

namespace MusicSite.Tests.Components;

public sealed class SharedComponentTests
{
    private static TrackSummary Track(int id, string title, string artist, string? album = null, double? seconds = 125) =>
        new(id, title, artist, album, album is null ? null : 1, seconds, "CC BY", ["House", "Deep House"], DateTime.UtcNow);

    [Fact]
    public async Task TrackList_RendersAPlayLinkToEachStream()
    {
        var doc = await ComponentRenderer.RenderAsync<TrackList>(new Dictionary<string, object?>
        {
            [nameof(TrackList.Tracks)] = new[] { Track(7, "Tidal Lock", "Aurora Lane", "Night Shift"), Track(9, "Solo", "Nova", seconds: 3725) },
            [nameof(TrackList.Label)] = "Latest tracks",
        });

        var items = doc.QuerySelectorAll("ol.track-list > li");
        Assert.Equal(2, items.Length);
        Assert.Equal("Latest tracks", doc.QuerySelector("ol")!.GetAttribute("aria-label"));
        var play = items[0].QuerySelector("a[data-play]")!;
        Assert.Equal("/api/music/stream/7", play.GetAttribute("href"));
        Assert.Equal("false", play.GetAttribute("hx-boost"));
        Assert.Equal("Play Tidal Lock by Aurora Lane", play.GetAttribute("aria-label"));
        Assert.Contains("Night Shift", items[0].QuerySelector(".track-meta")!.TextContent);
        Assert.Contains("Deep House", items[0].QuerySelector(".track-meta")!.TextContent);
        Assert.Equal("2:05", items[0].QuerySelector(".track-duration")!.TextContent);
        Assert.Equal("1:02:05", items[1].QuerySelector(".track-duration")!.TextContent);
    }

    [Fact]
    public async Task TrackList_Empty_ShowsTheEmptyMessage()
    {
        var doc = await ComponentRenderer.RenderAsync<TrackList>(new Dictionary<string, object?>
        {
            [nameof(TrackList.Tracks)] = Array.Empty<TrackSummary>(),
            [nameof(TrackList.EmptyMessage)] = "Nothing here yet.",
        });

        Assert.Null(doc.QuerySelector("ol"));
        Assert.Equal("Nothing here yet.", doc.QuerySelector("p.empty")!.TextContent);
    }

    [Fact]
    public async Task TrackList_EncodesTitlesFromUploads()
    {
        var doc = await ComponentRenderer.RenderAsync<TrackList>(new Dictionary<string, object?>
        {
            [nameof(TrackList.Tracks)] = new[] { Track(1, "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>") },
        });

        Assert.Empty(doc.QuerySelectorAll("script"));
        // The one image is the row's cover, from the site's own address.
        var image = Assert.Single(doc.QuerySelectorAll("img"));
        Assert.Contains("cover", image.ClassList);
        Assert.StartsWith("/api/music/tracks/1/artwork?", image.GetAttribute("src"));
        Assert.Empty(doc.QuerySelectorAll("[onerror]"));
        Assert.Equal("<script>alert(1)</script>", doc.QuerySelector(".track-title")!.TextContent);
    }

    [Fact]
    public async Task GenreTreeView_NestsChildrenAndFoldsDeepLevels_WithTheLinkOutsideTheSummary()
    {
        GenreNode Node(int id, string name, params GenreNode[] children) =>
            new(id, name, Slug.From(name), null, null, children);
        var tree = new[] { Node(1, "Electronic", Node(2, "House", Node(3, "Deep House"), Node(4, "Tech House")), Node(5, "Techno")), Node(6, "Jazz") };

        var counts = new Dictionary<int, GenreCount> { [1] = new(12, 2), [2] = new(5, 2), [3] = new(1, 0), [4] = new(4, 0), [5] = new(0, 0), [6] = new(3, 0) };

        var doc = await ComponentRenderer.RenderAsync<GenreTreeView>(new Dictionary<string, object?>
        {
            [nameof(GenreTreeView.Nodes)] = tree, [nameof(GenreTreeView.Counts)] = counts,
        });

        var top = doc.QuerySelectorAll("ul.genre-tree > li");
        Assert.Equal(["Electronic", "Jazz"], top.Select(li => li.QuerySelector("a")!.TextContent));
        Assert.Equal(["12 tracks · 2 subgenres", "3 tracks"], top.Select(li => li.QuerySelector(":scope > .genre-counts")!.TextContent));
        Assert.Equal("1 track", doc.QuerySelector("a[href='/genres/deep-house'] + .genre-counts")!.TextContent);
        // A folded level: the link sits beside its <details>, never inside the <summary> (a control in a control).
        var house = doc.QuerySelector("a[href='/genres/house']")!.ParentElement!;
        Assert.Equal("5 tracks ·", house.QuerySelector(":scope > .genre-counts")!.TextContent);
        Assert.Null(house.QuerySelector(":scope > details")!.GetAttribute("open"));
        Assert.Equal("2 subgenres", house.QuerySelector(":scope > details > summary")!.TextContent);
        Assert.Equal("House: 2 subgenres", house.QuerySelector("summary")!.GetAttribute("aria-label"));
        Assert.Equal(2, house.QuerySelectorAll(":scope > details > ul > li").Length);
        Assert.Empty(doc.QuerySelectorAll("summary a, summary button"));
        Assert.NotNull(doc.QuerySelector("a[href='/genres/deep-house']"));
    }

    [Fact]
    public async Task FieldMessages_ShowsOnlyTheFieldsMessages()
    {
        var errors = new FieldErrors().Add("email", "Enter a valid email.").Add("password", "Too short.");

        var doc = await ComponentRenderer.RenderAsync<FieldMessages>(new Dictionary<string, object?>
        {
            [nameof(FieldMessages.Errors)] = errors,
            [nameof(FieldMessages.Field)] = "email",
        });

        var message = Assert.Single(doc.QuerySelectorAll("p.field-error"));
        Assert.Equal("Enter a valid email.", message.TextContent);
        Assert.Equal("email-error", message.Id);
    }

    [Theory]
    [InlineData(404, "Page not found")]
    [InlineData(403, "You do not have access to this page")]
    [InlineData(400, "That request could not be understood")]
    [InlineData(500, "Something went wrong")]
    public async Task ErrorPage_TitleFollowsTheStatus(int code, string title)
    {
        var doc = await ComponentRenderer.RenderAsync<Error>(new Dictionary<string, object?> { [nameof(Error.Code)] = code });

        Assert.Equal(title, doc.QuerySelector("h1")!.TextContent);
        Assert.Equal("/", doc.QuerySelector("a")!.GetAttribute("href"));
    }
}
