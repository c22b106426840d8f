using System.Net;
using System.Text;
using System.Text.Json;
using MusicSite.Catalog;
using MusicSite.Tests.Infrastructure;
using MusicSite.Tests.Tracks;

namespace MusicSite.Tests.Security;

/// <summary>The hostile-input walk sends <c>cursor</c> with every catalog route, but its values never decode. These are
/// cursors the decoder accepts, for every sort and direction, carrying the most extreme keys it lets through (the first
/// and last instants, int limits, the largest doubles, NULL, control and bidi characters, 200 letters): the list
/// answers 200 with a page, through the API and the page, with a filter and a search beside it; never a 500.</summary>
public sealed class HostileCursorTests(CatalogFixture catalog) : IClassFixture<CatalogFixture>
{
    private readonly HttpClient _client = catalog.CreateClient();

    private static readonly (string Name, TrackSort Sort)[] Sorts =
    [
        ("created_at", TrackSort.CreatedAt), ("updated_at", TrackSort.UpdatedAt), ("title", TrackSort.Title), ("artist", TrackSort.Artist),
        ("duration", TrackSort.Duration), ("plays", TrackSort.Plays), ("likes", TrackSort.Likes), ("popularity", TrackSort.Popularity),
    ];

    private static IEnumerable<string> ExtremeKeys(TrackSort sort) => SortKey.KindOf(sort) switch
    {
        SortKeyKind.Time => ["t0", "t" + DateTime.MaxValue.Ticks, "z"],
        SortKeyKind.Text => ["s", "s\u0000\u202e\r\n%_\\'\"", "s" + new string('\uffff', 200), "z"],
        SortKeyKind.Real => ["r-1.7976931348623157E+308", "r1.7976931348623157E+308", "r-0", "z"],
        _ => ["n" + int.MinValue, "n" + int.MaxValue, "z"],
    };

    public static TheoryData<string> SortNames() => new(Sorts.Select(s => s.Name));

    [Theory]
    [MemberData(nameof(SortNames))]
    public async Task DecodableCursor_ExtremeKeys_AnswerAPageNever500(string sortName)
    {
        var sort = Sorts.Single(s => s.Name == sortName).Sort;
        foreach (var descending in new[] { false, true })
        {
            foreach (var backward in new[] { false, true })
            {
                foreach (var key in ExtremeKeys(sort))
                {
                    foreach (var id in new[] { 1, int.MaxValue })
                    {
                        var cursor = Encode($"1|{(int)sort}|{(descending ? 1 : 0)}|{(backward ? 1 : 0)}|{id}|{key}");
                        Assert.NotNull(TrackCursor.Decode(cursor));
                        var order = descending ? "desc" : "asc";
                        foreach (var url in new[]
                                 {
                                     $"/api/music/tracks?sort={sortName}&order={order}&cursor={cursor}",
                                     $"/api/music/tracks?sort={sortName}&order={order}&genre=house&search=mid&cursor={cursor}",
                                     $"/tracks?sort={sortName}&order={order}&cursor={cursor}",
                                 })
                        {
                            var response = await _client.GetAsync(url);
                            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} for {url} ({key})");
                        }
                    }
                }
            }
        }
    }

    [Theory]
    [InlineData("created_at", "desc", "t3155378975999999999")]
    [InlineData("plays", "desc", "n2147483647")]
    [InlineData("title", "asc", "s")]
    public async Task DecodableCursor_BeforeEveryRow_GivesPageOne(string sortName, string order, string key)
    {
        var sort = Sorts.Single(s => s.Name == sortName).Sort;
        var id = order == "desc" ? int.MaxValue : 0;
        var cursor = Encode($"1|{(int)sort}|{(order == "desc" ? 1 : 0)}|0|{Math.Max(id, 1)}|{key}");

        var fromCursor = Ids(await JsonAsync($"/api/music/tracks?sort={sortName}&order={order}&limit=9&cursor={cursor}"));
        var pageOne = Ids(await JsonAsync($"/api/music/tracks?sort={sortName}&order={order}&limit=9"));

        Assert.Equal(9, pageOne.Count);
        Assert.Equal(pageOne, fromCursor);
    }

    private static string Encode(string text) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private async Task<JsonElement> JsonAsync(string url)
    {
        var response = await _client.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} for {url}");
        return await response.JsonAsync();
    }

    private static List<int> Ids(JsonElement response) =>
        response.GetProperty("data").EnumerateArray().Select(t => t.GetProperty("id").GetInt32()).ToList();
}
