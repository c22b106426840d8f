using AngleSharp.Html.Parser;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Pages;

/// <summary>
/// Every page that shows an entity answers a missing or hidden one with the laid-out 404 page (header, nav,
/// player), for anonymous and signed-in visitors alike, and hand-edited query values never fail a page.
/// </summary>
[Trait("Category", "Slow")]
public sealed class NotFoundPagesTests(MusicSiteFactory site) : IClassFixture<MusicSiteFactory>
{
    [Theory]
    [InlineData("/tracks/999999", false)]
    [InlineData("/tracks/999999", true)]
    [InlineData("/albums/99999", false)]
    [InlineData("/albums/99999", true)]
    [InlineData("/genres/missing", false)]
    [InlineData("/genres/missing", true)]
    [InlineData("/error/404", false)]
    [InlineData("/error/404", true)]
    [InlineData("/error/200", false)]
    [InlineData("/no-such-page", true)]
    [InlineData("/tracks/999999/edit", true)]
    [InlineData("/albums/99999/edit", true)]
    public async Task MissingEntityPage_IsTheLaidOut404(string path, bool signedIn)
    {
        var client = signedIn ? await site.CookieClientAsync("Artist") : site.CreateClient();

        await AssertLaidOut404Async(await client.GetAsync(path), signedIn);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AnotherUsersPrivateTrack_IsTheLaidOut404(bool signedIn)
    {
        var privateId = await TestCatalog.AddReadyTrackAsync(site.Services, "Hidden page", 2, isPublic: false);
        var client = signedIn ? await site.CookieClientAsync("Artist") : site.CreateClient();

        await AssertLaidOut404Async(await client.GetAsync($"/tracks/{privateId}"), signedIn);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AnotherUsersTrackEditPage_IsTheLaidOut404(bool isPublic)
    {
        var id = await TestCatalog.AddReadyTrackAsync(site.Services, "Not yours", 2, isPublic);
        var stranger = await site.CookieClientAsync("Artist");

        await AssertLaidOut404Async(await stranger.GetAsync($"/tracks/{id}/edit"), signedIn: true);
    }

    [Theory]
    [InlineData("/tracks/{id}?saved=abc")]
    [InlineData("/tracks/{id}?saved=99999999999")]
    [InlineData("/albums?page=abc")]
    [InlineData("/albums?page=99999999999")]
    [InlineData("/me/uploads?page=abc")]
    [InlineData("/me/uploads?page=-1")]
    [InlineData("/account/confirm-email?userId=abc&code=x")]
    [InlineData("/account/confirm-email?userId=99999999999&code=x")]
    public async Task NonNumericQueryValue_StillRendersThePage(string pathTemplate)
    {
        var id = await TestCatalog.AddReadyTrackAsync(site.Services, "Query values", 2);
        var artist = await site.CookieClientAsync("Artist");

        var response = await artist.GetAsync(pathTemplate.Replace("{id}", id.ToString()));

        Assert.Equal(200, (int)response.StatusCode);
        var doc = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        Assert.NotNull(doc.QuerySelector("main#main h1"));
    }

    private static async Task AssertLaidOut404Async(HttpResponseMessage response, bool signedIn)
    {
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(404 == (int)response.StatusCode, $"{(int)response.StatusCode}: {html[..Math.Min(html.Length, 300)]}");
        var doc = new HtmlParser().ParseDocument(html);
        Assert.Equal("Page not found", doc.QuerySelector("main#main h1")?.TextContent);
        Assert.NotNull(doc.QuerySelector("header#site-header nav[aria-label=Main]"));
        Assert.NotNull(doc.QuerySelector("section#player audio#player-audio"));
        // The layout knows who is visiting: the re-run error page is rendered for the same signed-in user.
        Assert.Equal(signedIn, doc.QuerySelector("[data-testid=account-name]") is not null);
    }
}
