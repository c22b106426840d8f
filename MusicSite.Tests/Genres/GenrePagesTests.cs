using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Mvc.Testing;

namespace MusicSite.Tests.Genres;

/// <summary>/genres and /genres/{slug} as a visitor without JavaScript meets them: counts in words that agree with a
/// brute-force count, the GET filter, genre pages that include their subgenres' tracks and albums, and old slugs.</summary>
public sealed class GenrePagesTests(GenrePagesFixture site) : IClassFixture<GenrePagesFixture>
{
    private readonly HttpClient _client = site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    [Fact]
    public async Task Index_EveryGenreCount_AgreesWithBruteForce()
    {
        var doc = await PageAsync("/genres");

        var shown = TreeEntries(doc);
        Assert.Equal(site.Parents.Count, shown.Count);
        Assert.All(shown, entry => Assert.Equal(site.Expected(site.Ids[entry.Slug]).InWords, entry.Counts));
        Assert.Contains(shown, e => e.Counts.Contains(" · ") && !e.Counts.StartsWith("0 tracks", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("house")]
    [InlineData("HIP hop")]
    [InlineData("r&b")]
    [InlineData("  techno ")]
    public async Task Index_FilterWithoutJavaScript_ShowsMatchesAndTheirAncestorsOnly(string text)
    {
        var doc = await PageAsync("/genres?q=" + Uri.EscapeDataString(text));

        bool Matches(int id) => Fold(site.Names[id]).Contains(Fold(text), StringComparison.Ordinal);
        var matched = site.Parents.Keys.Where(Matches).ToHashSet();
        var expected = site.Parents.Keys.Where(id => matched.Any(m => site.IsUnder(m, id))).Select(Slug).Order().ToList();
        Assert.NotEmpty(matched);
        Assert.Equal(expected, TreeEntries(doc).Select(e => e.Slug).Order().ToList());
        Assert.All(TreeEntries(doc), entry => Assert.Equal(site.Expected(site.Ids[entry.Slug]).InWords, entry.Counts));
        Assert.Equal(matched.Select(Slug).Order(), doc.QuerySelectorAll(".genre-tree a > mark").Select(m => m.ParentElement!.GetAttribute("href")![8..]).Order());
        Assert.Empty(doc.QuerySelectorAll(".genre-tree details:not([open])"));
        var says = matched.Count == 1 ? "1 genre matches" : $"{matched.Count} genres match";
        Assert.Equal($"{says} “{text.Trim()}”.", doc.QuerySelector("#genre-filter-status")!.TextContent);
        var form = doc.QuerySelector("form.genre-filter")!;
        Assert.Equal(("get", "/genres"), (form.GetAttribute("method"), form.GetAttribute("action")));
        Assert.Equal(text.Trim(), form.QuerySelector("input[name=q]")!.GetAttribute("value"));
        Assert.Equal("genre-q", form.QuerySelector("label")!.GetAttribute("for"));
    }

    [Fact]
    public async Task Index_FilterMatchingNothing_SaysSoAndLinksBackToEveryGenre()
    {
        var doc = await PageAsync("/genres?q=xyzzy");

        Assert.Empty(TreeEntries(doc));
        var empty = doc.QuerySelector("#genre-results .empty")!;
        Assert.StartsWith("No genre matches “xyzzy”.", empty.TextContent);
        Assert.Equal("/genres", empty.QuerySelector("a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task GenrePage_ParentGenre_ShowsItsSubgenresTracksAndAlbums()
    {
        // The regression: Electronic holds no track of its own, only tracks of its subgenres.
        var doc = await PageAsync("/genres/electronic");

        Assert.Contains("Deep Cut", doc.QuerySelectorAll("main .track-title").Select(a => a.TextContent));
        Assert.Equal("Deep Cut", doc.QuerySelector("ol[aria-label='Popular Electronic tracks'] .track-title")!.TextContent);
        Assert.Equal(["Deep Album"], doc.QuerySelectorAll("[aria-labelledby=albums-heading] .album-card h3").Select(h => h.TextContent));
        Assert.Equal(site.Expected(site.Ids["electronic"]).InWords, doc.QuerySelector("[data-testid=genre-counts]")!.TextContent);
        Assert.Equal("/tracks?genre=electronic", doc.QuerySelector(".genre-summary a")!.GetAttribute("href"));
        var subgenres = doc.QuerySelectorAll(".genre-subgenres li");
        Assert.Equal(site.Parents.Count(p => p.Value == site.Ids["electronic"]), subgenres.Length);
        Assert.All(subgenres, li => Assert.Equal(site.Expected(site.Ids[li.QuerySelector("a")!.GetAttribute("href")![8..]]).InWords,
            li.QuerySelector(".genre-counts")!.TextContent));
    }

    [Fact]
    public async Task GenrePage_Leaf_ShowsBreadcrumbDescriptionAndRelatedGenres()
    {
        var doc = await PageAsync("/genres/deep-house");

        Assert.Equal(["Genres", "Electronic", "House", "Deep House"], doc.QuerySelectorAll(".breadcrumbs li").Select(li => li.TextContent.Trim()));
        Assert.Equal("page", doc.QuerySelector(".breadcrumbs li:last-child")!.GetAttribute("aria-current"));
        Assert.StartsWith("A mellow, soulful form of house", doc.QuerySelector(".lede")!.TextContent);
        // Related genres with why: a seeded relation says "curated", a genre tagging the same track says how many.
        var related = doc.QuerySelectorAll(".genre-related li").ToDictionary(li => li.QuerySelector("a")!.GetAttribute("href")!, li => li.QuerySelector(".genre-counts")!.TextContent);
        Assert.StartsWith("curated", related["/genres/soulful-house"]);
        Assert.Equal("shares 1 track", related["/genres/boom-bap"]);
        Assert.Null(doc.QuerySelector(".genre-subgenres"));
    }

    [Fact]
    public async Task GenrePage_PrivateTracksAndTheirAlbums_StayHiddenFromOthers()
    {
        var doc = await PageAsync("/genres/house");

        Assert.DoesNotContain("Hidden Cut", doc.QuerySelector("main")!.TextContent);
        Assert.DoesNotContain("Hidden Album", doc.QuerySelector("main")!.TextContent);
    }

    [Fact]
    public async Task GenrePage_NothingTagged_SaysSoWithoutACatalogLink()
    {
        var doc = await PageAsync("/genres/complextro");

        Assert.Equal("0 tracks", doc.QuerySelector("[data-testid=genre-counts]")!.TextContent);
        Assert.Equal(["No published tracks are tagged Complextro yet. Explore Electro House", "No albums with published tracks are tagged Complextro yet."],
            doc.QuerySelectorAll("main .empty").Select(p => string.Join(" ", p.TextContent.Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries))));
        Assert.Equal("/genres/electro-house", doc.QuerySelector("main .empty a")!.GetAttribute("href"));
        Assert.Null(doc.QuerySelector(".genre-summary a"));
    }

    [Fact]
    public async Task GenrePage_RetiredSlug_RedirectsPermanentlyToTheCurrentPage()
    {
        var response = await _client.GetAsync($"/genres/{GenrePagesFixture.RetiredSlug}?from=old");

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal("/genres/deep-house?from=old", response.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("/genres/Deep-House", "/genres/deep-house")]
    [InlineData("/genres/DEEP-HOUSE?page=2", "/genres/deep-house?page=2")]
    public async Task GenrePage_SlugInOtherLetterCase_RedirectsPermanentlyToTheLowerCaseAddress(string path, string expected)
    {
        var response = await _client.GetAsync(path);

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal(expected, response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task GenrePage_UnknownSlug_IsNotFound()
    {
        var response = await _client.GetAsync("/genres/no-such-genre");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private sealed record TreeEntry(string Slug, string Counts);

    /// <summary>Each genre link of the tree with the counts beside it, read as one line ("5 tracks · 2 subgenres"
    /// also when the subgenres part is the folded level's summary).</summary>
    private static List<TreeEntry> TreeEntries(IHtmlDocument doc) =>
        doc.QuerySelectorAll(".genre-tree li").Select(li =>
        {
            var slug = li.QuerySelector(":scope > a")!.GetAttribute("href")!["/genres/".Length..];
            var counts = li.QuerySelector(":scope > .genre-counts")!.TextContent;
            return new TreeEntry(slug, li.QuerySelector(":scope > details > summary") is { } summary
                ? $"{counts} {summary.TextContent}"
                : counts);
        }).ToList();

    private string Slug(int id) => site.Ids.Single(p => p.Value == id).Key;

    /// <summary>The filter's rule written out plainly: letters and digits in lower case, "&amp;" read as "and".</summary>
    private static string Fold(string text) =>
        string.Join(" ", new string(text.Replace("&", " and ").ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : ' ').ToArray())
            .Split(' ', StringSplitOptions.RemoveEmptyEntries));

    private async Task<IHtmlDocument> PageAsync(string path)
    {
        var response = await _client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
    }
}
