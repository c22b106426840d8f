using System.Net;
using System.Text.Json;
using AngleSharp.Html.Parser;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Tracks;

/// <summary>Keyset paging (decision 0042): following meta.nextCursor (and back by meta.prevCursor) walks exactly the
/// list the numbered pages give, item for item, in every sort, ties in the sort key included (five artists, plays
/// from 0 to 49, and "Aurora Lane" beside "aurora lane" under a sort that ignores letter case).</summary>
public sealed class KeysetPagingTests(CatalogFixture catalog) : IClassFixture<CatalogFixture>
{
    private readonly HttpClient _client = catalog.CreateClient();

    [Theory]
    [InlineData("sort=newest")]
    [InlineData("sort=oldest")]
    [InlineData("sort=updated")]
    [InlineData("sort=title")]
    [InlineData("sort=title_desc")]
    [InlineData("sort=artist")]
    [InlineData("sort=artist&order=desc")]
    [InlineData("sort=plays")]
    [InlineData("sort=plays&order=asc")]
    [InlineData("sort=likes")]
    [InlineData("sort=popularity")]
    [InlineData("sort=shortest")]
    [InlineData("sort=longest")]
    [InlineData("sort=artist&tags=warm")]
    [InlineData("sort=plays&search=mid")]
    public async Task CursorPaging_AnySort_ReturnsTheNumberedPagesItemsInOrder(string list)
    {
        const int limit = 7;
        var numbered = new List<int>();
        for (var page = 1; ; page++)
        {
            var items = Ids(await GetAsync($"/api/music/tracks?{list}&limit={limit}&page={page}"));
            if (items.Count == 0)
            {
                break;
            }
            numbered.AddRange(items);
        }
        Assert.True(numbered.Count > 3 * limit, $"{list}: too few tracks ({numbered.Count}) to page through");
        Assert.Equal(numbered.Count, numbered.Distinct().Count());

        var forward = new List<int>();
        var response = await GetAsync($"/api/music/tracks?{list}&limit={limit}");
        string? last = null;
        while (true)
        {
            forward.AddRange(Ids(response));
            var next = Cursor(response, "nextCursor");
            if (next is null)
            {
                break;
            }
            last = next;
            response = await GetAsync($"/api/music/tracks?{list}&limit={limit}&cursor={next}");
        }
        Assert.Equal(numbered, forward);

        // And back from the last page, by prevCursor, to the first.
        Assert.NotNull(last);
        var backward = new List<List<int>>();
        response = await GetAsync($"/api/music/tracks?{list}&limit={limit}&cursor={last}");
        while (true)
        {
            backward.Insert(0, Ids(response));
            var previous = Cursor(response, "prevCursor");
            if (previous is null)
            {
                break;
            }
            response = await GetAsync($"/api/music/tracks?{list}&limit={limit}&cursor={previous}");
        }
        Assert.Equal(numbered, backward.SelectMany(p => p));
    }

    [Theory]
    [InlineData("cursor=not-a-cursor")]
    [InlineData("cursor=%00%01")]
    [InlineData("cursor=MXwxfDF8MHwxMHx6eno")]
    public async Task Cursor_Invalid_Is400OnCursor(string query)
    {
        var response = await _client.GetAsync("/api/music/tracks?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.JsonAsync()).GetProperty("errors").TryGetProperty("cursor", out _));
    }

    [Fact]
    public async Task Cursor_OfAnotherSortOrOfRelevance_Is400OnCursor()
    {
        var next = Cursor(await GetAsync("/api/music/tracks?sort=title&limit=5"), "nextCursor");

        foreach (var url in new[] { $"/api/music/tracks?sort=plays&cursor={next}", $"/api/music/tracks?search=mid&cursor={next}" })
        {
            var response = await _client.GetAsync(url);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.True((await response.JsonAsync()).GetProperty("errors").TryGetProperty("cursor", out _), url);
        }
    }

    [Fact]
    public async Task Relevance_PagesByNumber_WithNoCursors()
    {
        var meta = (await GetAsync("/api/music/tracks?search=mid&limit=3")).GetProperty("meta");

        Assert.Equal(JsonValueKind.Null, meta.GetProperty("nextCursor").ValueKind);
        Assert.Equal(JsonValueKind.Null, meta.GetProperty("prevCursor").ValueKind);
    }

    [Fact]
    public async Task CatalogPage_NextLinkCarriesACursor_AndItsPageContinuesTheList()
    {
        var first = await PageAsync("/tracks?sort=title&limit=5");
        var next = first.QuerySelector("#results a[rel=next]")?.GetAttribute("href");
        Assert.NotNull(next);
        Assert.Contains("cursor=", next);

        var second = await PageAsync(next);
        var expected = Ids(await GetAsync("/api/music/tracks?sort=title&limit=5&page=2"));
        var shown = second.QuerySelectorAll("#results li[data-track-id]").Select(e => int.Parse(e.GetAttribute("data-track-id")!)).Distinct().ToList();
        Assert.Equal(expected, shown);
        Assert.NotNull(second.QuerySelector("#results a[rel=prev]"));
    }

    [Fact]
    public async Task CatalogPage_InvalidCursor_SaysSoAndShowsTheFirstPage()
    {
        var doc = await PageAsync("/tracks?cursor=garbage");

        Assert.Contains("cursor is not valid", doc.QuerySelector("#results .alert-error")?.TextContent);
        Assert.NotEmpty(doc.QuerySelectorAll("#results li[data-track-id]"));
    }

    private async Task<JsonElement> GetAsync(string url)
    {
        var response = await _client.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} for {url}: {await response.Content.ReadAsStringAsync()}");
        return await response.JsonAsync();
    }

    private async Task<AngleSharp.Html.Dom.IHtmlDocument> PageAsync(string url)
    {
        var response = await _client.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} for {url}");
        return new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
    }

    private static List<int> Ids(JsonElement response) =>
        response.GetProperty("data").EnumerateArray().Select(t => t.GetProperty("id").GetInt32()).ToList();

    private static string? Cursor(JsonElement response, string name) =>
        response.GetProperty("meta").GetProperty(name) is { ValueKind: JsonValueKind.String } c ? c.GetString() : null;
}
