using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using MusicSite.Accounts;
using MusicSite.Artists;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Artists;

/// <summary>The artist pages without JavaScript: what /artists/{slug} shows to whom, its redirects and 404s, the index,
/// and the links to it from every credit.</summary>
public sealed class ArtistPagesTests(MusicSiteFactory site) : IClassFixture<MusicSiteFactory>
{
    private HttpClient Browser() => site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    private async Task<string> SlugAsync(int userId)
    {
        await using var scope = site.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<ArtistDirectory>().SlugOfAsync(userId, default))!;
    }

    private async Task<IHtmlDocument> PageAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        Assert.True(200 == (int)response.StatusCode, $"{path}: {(int)response.StatusCode}");
        return new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ArtistPage_Anonymous_ShowsNameBioTotalsAndOnlyPublicTracks()
    {
        var name = $"Page Artist {ArtistRows.Token()}";
        var artist = await ArtistRows.UserAsync(site.Services, name, bio: "Field recordings\nfrom the coast.");
        await ArtistRows.TrackAsync(site.Services, artist, "Shown tune", plays: 4);
        await ArtistRows.TrackAsync(site.Services, artist, "Hidden tune", isPublic: false, plays: 50);
        await ArtistRows.AlbumAsync(site.Services, artist, "Shown album");

        var doc = await PageAsync(Browser(), $"/artists/{await SlugAsync(artist)}");

        Assert.Equal(name, doc.QuerySelector("main h1")!.TextContent);
        Assert.Equal("Field recordings\nfrom the coast.", doc.QuerySelector("[data-testid=artist-bio]")!.TextContent);
        Assert.Equal("1 track 1 album 4 plays", Normalize(doc.QuerySelector("[data-testid=artist-totals]")!.TextContent));
        Assert.Equal(["Shown tune"], doc.QuerySelectorAll("main .track-list .track-title").Select(a => a.TextContent));
        Assert.Contains("Shown album", doc.QuerySelector("main .album-card h3")!.TextContent);
        Assert.NotNull(doc.QuerySelector("main .artist-head .avatar-initial"));
    }

    [Fact]
    public async Task ArtistPage_TheArtistThemselves_SeeTheirPrivateTracksToo()
    {
        var email = $"self-{Guid.NewGuid():N}@example.com";
        var client = await site.CookieClientAsync("Artist", email);
        var self = await site.WithDbAsync(db => Task.FromResult(db.Users.Single(u => u.Email == email).Id));
        await ArtistRows.TrackAsync(site.Services, self, "My public one");
        await ArtistRows.TrackAsync(site.Services, self, "My private one", isPublic: false);

        var doc = await PageAsync(client, $"/artists/{await SlugAsync(self)}");

        Assert.Equal(["My private one", "My public one"], doc.QuerySelectorAll("main .track-title").Select(a => a.TextContent).Order());
    }

    [Fact]
    public async Task Profile_OfAnArtistWithAPublicTrack_LinksTheirPublicPage()
    {
        var email = $"profile-{Guid.NewGuid():N}@example.com";
        var client = await site.CookieClientAsync("Artist", email);
        var self = await site.WithDbAsync(db => Task.FromResult(db.Users.Single(u => u.Email == email).Id));
        Assert.Null((await PageAsync(client, "/account/profile")).QuerySelector("[data-testid=artist-page-link]"));
        await ArtistRows.TrackAsync(site.Services, self, "Now public");

        var link = (await PageAsync(client, "/account/profile")).QuerySelector("[data-testid=artist-page-link]");

        Assert.Equal($"/artists/{await SlugAsync(self)}", link!.GetAttribute("href"));
    }

    [Fact]
    public async Task ArtistPage_SortedByTitle_ListsAToZAndMarksTheChoice()
    {
        var artist = await ArtistRows.UserAsync(site.Services, $"Sorted {ArtistRows.Token()}");
        await ArtistRows.TrackAsync(site.Services, artist, "beta");
        await ArtistRows.TrackAsync(site.Services, artist, "Alpha");
        await ArtistRows.TrackAsync(site.Services, artist, "gamma");

        var doc = await PageAsync(Browser(), $"/artists/{await SlugAsync(artist)}?sort=title");

        Assert.Equal(["Alpha", "beta", "gamma"], doc.QuerySelectorAll("main .track-title").Select(a => a.TextContent));
        Assert.Equal("Title A–Z", doc.QuerySelector(".sort-links a[aria-current]")!.TextContent);
    }

    [Theory]
    [InlineData("?sort=bogus", 200)]
    [InlineData("?page=abc", 200)]
    [InlineData("?page=99", 404)]
    public async Task ArtistPage_HandEditedQuery_NeverFails(string query, int status)
    {
        var artist = await ArtistRows.UserAsync(site.Services, $"Edited {ArtistRows.Token()}");
        await ArtistRows.TrackAsync(site.Services, artist, "Only");

        var response = await Browser().GetAsync($"/artists/{await SlugAsync(artist)}{query}");

        Assert.Equal(status, (int)response.StatusCode);
    }

    [Fact]
    public async Task ArtistPage_UnknownSlugOrNothingPublic_IsTheLaidOut404()
    {
        var quiet = await ArtistRows.UserAsync(site.Services, $"Quiet {ArtistRows.Token()}");
        await ArtistRows.TrackAsync(site.Services, quiet, "Private", isPublic: false);

        foreach (var path in new[] { "/artists/no-such-artist", $"/artists/by-id/{quiet}", "/artists/by-id/999999" })
        {
            var response = await Browser().GetAsync(path);
            Assert.True(404 == (int)response.StatusCode, $"{path}: {(int)response.StatusCode}");
            Assert.NotNull(new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync()).QuerySelector("nav.site-nav"));
        }
    }

    [Fact]
    public async Task ArtistPage_OldSlugAfterARename_Answers301ToTheNewOne()
    {
        var token = ArtistRows.Token();
        var artist = await ArtistRows.UserAsync(site.Services, $"Before {token}");
        await ArtistRows.TrackAsync(site.Services, artist, "Renamed tune");
        var old = await SlugAsync(artist);
        await using (var scope = site.Services.CreateAsyncScope())
        {
            Assert.True((await scope.ServiceProvider.GetRequiredService<AccountService>()
                .UpdateProfileAsync(artist, new ProfileInput($"After {token}", null))).Succeeded);
        }

        var response = await Browser().GetAsync($"/artists/{old}?sort=title");

        Assert.Equal(301, (int)response.StatusCode);
        Assert.Equal($"/artists/after-{token}?sort=title", response.Headers.Location!.OriginalString);
        Assert.Equal($"After {token}", (await PageAsync(Browser(), $"/artists/after-{token}")).QuerySelector("main h1")!.TextContent);
    }

    [Fact]
    public async Task ById_ArtistWithoutASlugYet_RedirectsToTheSlugPage()
    {
        var artist = await ArtistRows.UserAsync(site.Services, $"Fresh {ArtistRows.Token()}");
        await ArtistRows.TrackAsync(site.Services, artist, "Fresh tune");

        var response = await Browser().GetAsync($"/artists/by-id/{artist}");

        Assert.Equal(302, (int)response.StatusCode);
        Assert.Equal($"/artists/{await SlugAsync(artist)}", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task EveryCredit_TrackPageListsAlbumPagesAndSearch_LinksToTheUploadersPage()
    {
        var token = ArtistRows.Token();
        var artist = await ArtistRows.UserAsync(site.Services, $"Credited {token}");
        var album = await ArtistRows.AlbumAsync(site.Services, artist, $"Linked album {token}");
        var track = await ArtistRows.TrackAsync(site.Services, artist, $"Linked tune {token}", albumId: album, artistName: $"Free text {token}");
        var href = $"/artists/{await SlugAsync(artist)}";
        var client = Browser();

        var trackPage = await PageAsync(client, $"/tracks/{track}");
        Assert.Equal([href, href], trackPage.QuerySelectorAll("main .artist-link").Select(a => a.GetAttribute("href")));
        Assert.Equal($"Free text {token}", trackPage.QuerySelector("main .lede .artist-link")!.TextContent);
        Assert.Contains(trackPage.QuerySelectorAll("main .facts .artist-link"), a => a.TextContent == $"Credited {token}");

        foreach (var path in new[] { $"/tracks?search=linked+tune+{token}", $"/albums/{album}", "/albums", "/" })
        {
            var links = (await PageAsync(client, path)).QuerySelectorAll("main .artist-link").Select(a => a.GetAttribute("href")).ToList();
            Assert.True(links.Contains(href), $"{path} has no link to {href}: {string.Join(", ", links)}");
        }
    }

    [Fact]
    public async Task Index_ListsArtistsWithLinksAndIsInTheNav()
    {
        var name = $"Indexed {ArtistRows.Token()}";
        var artist = await ArtistRows.UserAsync(site.Services, name);
        await ArtistRows.TrackAsync(site.Services, artist, "Indexed tune");

        var doc = await PageAsync(Browser(), "/artists?page=1");

        var link = doc.QuerySelectorAll("main .artist-card h2 a").Single(a => a.TextContent == name);
        Assert.Equal($"/artists/{await SlugAsync(artist)}", link.GetAttribute("href"));
        Assert.NotNull(doc.QuerySelector("nav.site-nav a[href='/artists'][aria-current=page]"));
        Assert.Equal(404, (int)(await Browser().GetAsync("/artists?page=999")).StatusCode);
    }

    private static string Normalize(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
