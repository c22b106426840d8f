using System.Text.Json;
using MusicSite.Catalog;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Tracks;

/// <summary>The catalog with every genre and license filter walking a sort index and testing each row (decision 0047).</summary>
public sealed class WalkingCatalogFixture : CatalogFixture
{
    public WalkingCatalogFixture() => Settings["CatalogTotals:WalkFactor"] = "0";
}

/// <summary>The catalog with every genre and license filter gathering its matches by its own index first.</summary>
public sealed class GatheringCatalogFixture : CatalogFixture
{
    public GatheringCatalogFixture() => Settings["CatalogTotals:WalkFactor"] = "1000000000000";
}

/// <summary>
/// Both plans of a genre, license or artist filter (decision 0047) against the brute-force list: the same items in the same
/// order on every numbered page and by following the cursors, the same total and the same facets. Each side of the
/// threshold is forced by the setting, so the same queries run through both statements.
/// </summary>
public abstract class FilterPlanAgreement(CatalogFixture catalog)
{
    private static readonly string[] Sorts = ["newest", "oldest", "title", "artist", "plays", "likes", "popularity", "shortest", "updated_at"];

    [Fact]
    public async Task GenreLicenseAndArtistLists_AnySortPageOrCursor_AgreeWithBruteForce()
    {
        var client = catalog.CreateClient();
        var random = new Random(47);
        for (var i = 0; i < 60; i++)
        {
            var parameters = new Dictionary<string, string> { ["sort"] = Sorts[random.Next(Sorts.Length)] };
            var genre = random.Next(4) != 0;
            if (genre)
            {
                parameters["genre"] = new[] { "electronic", "house", "ambient", "hip-hop", "Deep House", "drone" }[random.Next(6)];
            }
            if (!genre || random.Next(3) == 0)
            {
                parameters["license"] = new[] { "cc-by", "CC BY-SA", "cc0", "all-rights-reserved" }[random.Next(4)];
            }
            if (random.Next(4) == 0)
            {
                parameters["bpm_min"] = random.Next(60, 130).ToString();
            }
            if (random.Next(3) == 0)
            {
                parameters["artist"] = new[] { "Aurora Lane", "marlow kid", "Nobody", "marlow", "LANE", "n p", "a" }[random.Next(7)];
            }
            if (random.Next(5) == 0)
            {
                parameters["search"] = new[] { "mid", "deep", "river", "neon" }[random.Next(4)];
            }
            var query = string.Join("&", parameters.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}"));
            var expected = CatalogSearchTests.BruteForce(catalog, parameters).Select(r => r.Id).ToList();
            const int limit = 6;

            var page = random.Next(1, 4);
            var numbered = await (await client.GetAsync($"/api/music/tracks?{query}&limit={limit}&page={page}")).JsonAsync();
            Assert.True(expected.Skip((page - 1) * limit).Take(limit).SequenceEqual(Ids(numbered)), $"page {page} differs for {query}");
            Assert.True(expected.Count == numbered.GetProperty("meta").GetProperty("total").GetInt32(), $"total differs for {query}");
            AssertFacets(parameters, numbered.GetProperty("facets"), query);

            var walked = new List<int>();
            string? cursor = null;
            do
            {
                var response = await (await client.GetAsync($"/api/music/tracks?{query}&limit={limit}" + (cursor is null ? "" : $"&cursor={cursor}"))).JsonAsync();
                walked.AddRange(Ids(response));
                cursor = response.GetProperty("meta").TryGetProperty("nextCursor", out var next) && next.ValueKind == JsonValueKind.String
                    ? next.GetString() : null;
            }
            while (cursor is not null && walked.Count <= expected.Count);
            Assert.True(expected.SequenceEqual(walked), $"cursor pages differ for {query}");
        }
    }

    [Fact]
    public async Task TracksPage_GenreFilter_ShowsTheBruteForceList()
    {
        var expected = CatalogSearchTests.BruteForce(catalog, new() { ["genre"] = "electronic", ["sort"] = "plays" }).Take(5).Select(r => r.Id.ToString());

        var html = await catalog.CreateClient().GetStringAsync("/tracks?genre=electronic&sort=plays&limit=5");

        var doc = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);
        Assert.Equal(expected, doc.QuerySelectorAll("ol.track-list > li").Select(li => li.GetAttribute("data-track-id")!));
    }

    /// <summary>Every genre facet is the number of matches tagged with it or below it, and the BPM facets add up to the
    /// matches that have a BPM (the fixture is smaller than the cap, so facets are exact).</summary>
    private void AssertFacets(Dictionary<string, string> parameters, JsonElement facets, string query)
    {
        var matching = CatalogSearchTests.BruteForce(catalog, parameters);
        Assert.True(facets.GetProperty("exact").GetBoolean(), query);
        foreach (var genre in facets.GetProperty("genres").EnumerateArray())
        {
            var id = catalog.GenreIds[genre.GetProperty("value").GetString()!];
            bool Under(int g) => g == id || (catalog.GenreParents[g] is { } parent && Under(parent));
            Assert.True(matching.Count(r => r.Genres.Any(Under)) == genre.GetProperty("count").GetInt32(), $"genre facet {id} differs for {query}");
        }
        var bpm = facets.GetProperty("bpmRanges").EnumerateArray().Sum(b => b.GetProperty("count").GetInt32());
        Assert.True(matching.Count(r => r.Bpm is not null) == bpm, $"BPM facets differ for {query}");
    }

    private static List<int> Ids(JsonElement response) =>
        response.GetProperty("data").EnumerateArray().Select(t => t.GetProperty("id").GetInt32()).ToList();
}

public sealed class WalkPlanTests(WalkingCatalogFixture catalog) : FilterPlanAgreement(catalog), IClassFixture<WalkingCatalogFixture>;

public sealed class GatherPlanTests(GatheringCatalogFixture catalog) : FilterPlanAgreement(catalog), IClassFixture<GatheringCatalogFixture>;

/// <summary>The threshold itself: walk when expected² ≥ factor × rows × listed.</summary>
public sealed class FilterPlanChoiceTests
{
    [Theory]
    [InlineData(45, false)] // 2,025 < 21 × 100
    [InlineData(46, true)] // 2,116 ≥ 2,100
    [InlineData(0, false)]
    [InlineData(100, true)]
    public void PlanFor_AroundTheThreshold_GathersBelowAndWalksFromIt(int expected, bool walks)
    {
        var narrowing = new Narrowing(1, expected, null, 0, Listed: 100, WalkFactor: 1);

        Assert.Equal(walks ? FilterPlan.Walk : FilterPlan.Gather, narrowing.PlanFor(expected, rows: 21));
    }

    [Theory]
    [InlineData(20, false)] // 400 < 0.2 × 21 × 100
    [InlineData(21, true)] // 441 ≥ 420
    public void GenrePlan_WeighsAWalkedEntryAtItsCost_WalkingFromFewerMatches(int expected, bool walks)
    {
        var narrowing = new Narrowing(1, expected, null, 0, Listed: 100, WalkFactor: 1);

        Assert.Equal(walks ? FilterPlan.Walk : FilterPlan.Gather, narrowing.GenrePlan(rows: 21));
        Assert.Equal(FilterPlan.Gather, narrowing.PlanFor(expected, rows: 21)); // a license or artist count as large gathers
    }

    [Fact]
    public void PlanFor_TheSettingsExtremes_ForceOnePlan()
    {
        Assert.Equal(FilterPlan.Walk, new Narrowing(1, 0, null, 0, 100_000, WalkFactor: 0).PlanFor(0, 1001));
        Assert.Equal(FilterPlan.Gather, new Narrowing(1, 100_000, null, 0, 100_000, WalkFactor: 1e12).PlanFor(100_000, 21));
    }
}
