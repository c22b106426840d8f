using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Mvc.Testing;

namespace MusicSite.Tests.Tracks;

/// <summary>/tracks as a listener without JavaScript meets it: empty states, clean URLs, filter chips that remove
/// themselves, and a page number past the end.</summary>
public sealed class CatalogPageTests(CatalogFixture catalog) : IClassFixture<CatalogFixture>
{
    private readonly HttpClient _noRedirects = catalog.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    [Fact]
    public async Task SearchWithNoHits_SaysNoTracksMatch()
    {
        var doc = await PageAsync("/tracks?search=xyzzy");

        Assert.Equal("No tracks match.", doc.QuerySelector("#results .empty")?.TextContent);
        Assert.Equal("0 tracks", doc.QuerySelector("[data-testid=result-count]")?.TextContent);
        Assert.Null(doc.QuerySelector(".pager"));
    }

    [Fact]
    public async Task PagePastTheEnd_RedirectsToTheLastPage()
    {
        var visible = catalog.Rows.Count(r => r.Visible);
        var lastPage = (visible + 19) / 20;

        var response = await _noRedirects.GetAsync("/tracks?page=99");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/tracks?page={lastPage}", Location(response));
        var doc = await PageAsync($"/tracks?page={lastPage}");
        Assert.Equal($"Page {lastPage} of {lastPage}", doc.QuerySelector(".pager span")?.TextContent);
    }

    [Fact]
    public async Task PagePastTheEndOfNothing_RedirectsToTheFirstPage()
    {
        var response = await _noRedirects.GetAsync("/tracks?search=xyzzy&page=3");

        Assert.Equal("/tracks?search=xyzzy", Location(response));
    }

    [Fact]
    public async Task AlbumsPagePastTheEnd_RedirectsToTheLastPage()
    {
        var response = await _noRedirects.GetAsync("/albums?page=99");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/albums", Location(response));
    }

    [Theory]
    // What the plain GET form sends: every field, empty or not, and the sort it showed.
    [InlineData("/tracks?search=nigh&artist=&genre=&tags=&key=&bpm_min=&bpm_max=&duration=&license=&sort=newest&sort_default=newest", "/tracks?search=nigh")]
    [InlineData("/tracks?search=&artist=marlow&genre=&sort=title&sort_default=newest", "/tracks?artist=marlow&sort=title")]
    [InlineData("/tracks?search=deep&key=am&sort=relevance&sort_default=relevance", "/tracks?search=deep&key=Am")]
    public async Task SubmittedForm_RedirectsToTheUrlWithoutEmptyFields(string submitted, string clean)
    {
        var response = await _noRedirects.GetAsync(submitted);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(clean, Location(response));
    }

    [Fact]
    public async Task LiveSearch_IsAnsweredInPlace_WithTheCleanUrlToShow()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/tracks?search=nigh&artist=&genre=&sort=newest&sort_default=newest");
        request.Headers.Add("HX-Request", "true");

        var response = await _noRedirects.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("/tracks?search=nigh", response.Headers.GetValues("HX-Push-Url").Single());
        var doc = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        // The sort menu that comes with the results shows what the list is sorted by now.
        Assert.Equal("relevance", ((IHtmlSelectElement)doc.QuerySelector("#sort")!).Value);
        Assert.Equal("relevance", doc.QuerySelector("input[name=sort_default]")?.GetAttribute("value"));
    }

    [Fact]
    public async Task SortMenu_OffersRelevanceOnlyWhileSearching()
    {
        var browsing = await PageAsync("/tracks");
        var searching = await PageAsync("/tracks?search=deep");

        Assert.Null(browsing.QuerySelector("#sort option[value=relevance]"));
        Assert.Equal("newest", ((IHtmlSelectElement)browsing.QuerySelector("#sort")!).Value);
        Assert.Equal("relevance", ((IHtmlSelectElement)searching.QuerySelector("#sort")!).Value);
        Assert.Contains("Title A–Z", browsing.QuerySelectorAll("#sort option").Select(o => o.TextContent));
    }

    [Fact]
    public async Task ActiveFilters_ShowAsChipsThatEachRemoveThemselves()
    {
        var doc = await PageAsync("/tracks?search=deep&artist=marlow&key=am&duration=2-5&tags=warm,night");

        var chips = doc.QuerySelectorAll("[data-testid=filter-chips] a").ToDictionary(a => a.TextContent.Replace("×", "").Trim(), a => a.GetAttribute("href"));
        Assert.Equal(new Dictionary<string, string?>
        {
            ["Artist: marlow"] = "/tracks?search=deep&tags=warm%2Cnight&duration=2-5&key=Am",
            ["Tag: warm"] = "/tracks?search=deep&artist=marlow&tags=night&duration=2-5&key=Am",
            ["Tag: night"] = "/tracks?search=deep&artist=marlow&tags=warm&duration=2-5&key=Am",
            ["Key: A minor"] = "/tracks?search=deep&artist=marlow&tags=warm%2Cnight&duration=2-5",
            ["Length: 2–5 min"] = "/tracks?search=deep&artist=marlow&tags=warm%2Cnight&key=Am",
        }, chips);
        Assert.Equal("/tracks?search=deep", doc.QuerySelector(".clear-filters")?.GetAttribute("href"));
        // The form shows the same filters as fields.
        Assert.Equal("Am", ((IHtmlSelectElement)doc.QuerySelector("#key")!).Value);
        Assert.Equal("2-5", ((IHtmlSelectElement)doc.QuerySelector("#duration")!).Value);
    }

    [Fact]
    public async Task NoFilters_ShowNoChips()
    {
        var doc = await PageAsync("/tracks?search=deep");

        Assert.Null(doc.QuerySelector("[data-testid=filter-chips]"));
        Assert.Null(doc.QuerySelector(".clear-filters"));
    }

    [Fact]
    public async Task ChosenGenre_IsHighlightedAmongTheFacets_AndNamedInItsChip()
    {
        var doc = await PageAsync("/tracks?genre=Deep%20House");

        var active = doc.QuerySelectorAll(".facets a[aria-current=true]").Select(a => a.TextContent).ToList();
        Assert.Equal(["Deep House"], active);
        // Clicking the chosen facet again removes it.
        Assert.Equal("/tracks", doc.QuerySelector(".facets a[aria-current=true]")?.GetAttribute("href"));
        Assert.Equal("Genre: Deep House", doc.QuerySelector("[data-testid=filter-chips] a")?.TextContent.Replace("×", "").Trim());
        Assert.Equal("Deep House", doc.QuerySelector("#genre")?.GetAttribute("value"));
    }

    [Fact]
    public async Task GenreField_OffersEveryGenreWithItsPlaceInTheTree()
    {
        var doc = await PageAsync("/tracks");

        var deepHouse = doc.QuerySelector("#genre-options option[value='Deep House']");
        Assert.Equal("Electronic › House › Deep House", deepHouse?.GetAttribute("label"));
        Assert.Equal("genre-options", doc.QuerySelector("#genre")?.GetAttribute("list"));
    }

    [Fact]
    public async Task LicenseField_IsASelectOfHumanNames()
    {
        var doc = await PageAsync("/tracks?license=cc-by");

        var select = (IHtmlSelectElement)doc.QuerySelector("#license")!;
        Assert.Equal("cc-by", select.Value);
        Assert.Contains("Any license", select.Options.Select(o => o.Text));
        Assert.DoesNotContain(select.Options, o => o.Value != "" && o.Text == o.Value);
    }

    /// <summary>Where a redirect points, as path and query (the site answers with its own absolute address).</summary>
    private static string? Location(HttpResponseMessage response) =>
        response.Headers.Location is { IsAbsoluteUri: true } absolute ? absolute.PathAndQuery : response.Headers.Location?.OriginalString;

    private async Task<IHtmlDocument> PageAsync(string url)
    {
        var response = await _noRedirects.GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} for {url}");
        return new HtmlParser().ParseDocument(html);
    }
}
