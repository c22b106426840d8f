using System.Net.Http.Json;
using AngleSharp.Html.Parser;
using Microsoft.Extensions.DependencyInjection;
using MusicSite.Catalog;
using MusicSite.Playback;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Tracks;

[Trait("Category", "Slow")]
public sealed class ShareLinkTests(MusicSiteFactory site) : IClassFixture<MusicSiteFactory>
{
    private static readonly Viewer Admin = new(null, IsAdmin: true);

    private static async Task<string> MakeLinkAsync(IServiceProvider services, int trackId, TimeSpan lifetime)
    {
        await using var scope = services.CreateAsyncScope();
        var made = await scope.ServiceProvider.GetRequiredService<ShareLinks>().CreateAsync(trackId, Admin, lifetime, default);
        Assert.True(made.Succeeded);
        return made.Value!.Token;
    }

    /// <summary>Posts the form a page shows, to its action, as a browser without JavaScript does.</summary>
    private static async Task<HttpResponseMessage> SubmitAsync(HttpClient client, string page, string formSelector, Dictionary<string, string> fields)
    {
        var form = new HtmlParser().ParseDocument(await client.GetStringAsync(page)).QuerySelector(formSelector)!;
        var values = (await PageSessions.HiddenFieldsAsync(client, page, formSelector)).Concat(fields).ToList();
        return await client.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(values));
    }

    private static string Stream(int id, string token) => $"/api/music/stream/{id}?token={Uri.EscapeDataString(token)}";

    [Fact]
    public async Task PrivateTrack_PlaysWithItsOwnValidToken_AndNothingElse()
    {
        var privateId = await TestCatalog.AddReadyTrackAsync(site.Services, "Shared Secret", seconds: 2, isPublic: false);
        var otherPrivate = await TestCatalog.AddReadyTrackAsync(site.Services, "Other Secret", seconds: 2, isPublic: false);
        var token = await MakeLinkAsync(site.Services, privateId, TimeSpan.FromDays(7));
        var second = await MakeLinkAsync(site.Services, privateId, TimeSpan.FromDays(7));
        var anonymous = site.CreateClient();

        // 256 random bits, URL-safe: nothing to guess, and two links never share a token.
        Assert.Matches("^[A-Za-z0-9_-]{43}$", token);
        Assert.NotEqual(token, second);
        Assert.Equal(200, (int)(await anonymous.GetAsync(Stream(privateId, token))).StatusCode);
        await (await anonymous.GetAsync($"/api/music/stream/{privateId}")).ProblemAsync(404, "TRACK_NOT_FOUND");
        await (await anonymous.GetAsync(Stream(otherPrivate, token))).ProblemAsync(404, "TRACK_NOT_FOUND");
        var tampered = token[..^4] + (token.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");
        await (await anonymous.GetAsync(Stream(privateId, tampered))).ProblemAsync(404, "TRACK_NOT_FOUND");
        // The token opens the share page, the stream and the cover: the API's track details stay private.
        await (await anonymous.GetAsync($"/api/music/tracks/{privateId}?token={Uri.EscapeDataString(token)}")).ProblemAsync(404, "TRACK_NOT_FOUND");
    }

    [Fact]
    public async Task ShareLink_PastItsExpiryOnTheSiteClock_NoLongerPlays_AndItsPageSaysSo()
    {
        using var clocked = new ClockedSite();
        var id = await TestCatalog.AddReadyTrackAsync(clocked.Services, "Brief Secret", seconds: 2, isPublic: false);
        var token = await MakeLinkAsync(clocked.Services, id, TimeSpan.FromHours(1));
        var anonymous = clocked.CreateClient();

        clocked.Clock.Advance(TimeSpan.FromMinutes(59));
        Assert.Equal(200, (int)(await anonymous.GetAsync(Stream(id, token))).StatusCode);
        Assert.Equal(200, (int)(await anonymous.GetAsync($"/s/{token}")).StatusCode);

        clocked.Clock.Advance(TimeSpan.FromMinutes(1));
        await (await anonymous.GetAsync(Stream(id, token))).ProblemAsync(404, "TRACK_NOT_FOUND");
        var page = await anonymous.GetAsync($"/s/{token}");
        Assert.Equal(410, (int)page.StatusCode);
        Assert.Contains("It has expired", await page.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Api_OwnerMakesListsAndRevokesLinks_OthersCannot()
    {
        var email = $"sharer-{Guid.NewGuid():N}@example.com";
        var owner = await site.SignedInClientAsync(email);
        var id = await TestCatalog.AddReadyTrackAsync(site.Services, "Api Secret", seconds: 2, isPublic: false, uploaderEmail: email);
        var stranger = await site.ArtistClientAsync();

        var made = await owner.PostAsJsonAsync($"/api/music/tracks/{id}/share-links", new { days = 3 });
        Assert.Equal(201, (int)made.StatusCode);
        var body = await made.JsonAsync();
        var token = body.GetProperty("token").GetString()!;
        Assert.EndsWith($"/s/{token}", body.GetProperty("url").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("/api/", body.GetProperty("url").GetString(), StringComparison.Ordinal);
        var linkId = body.GetProperty("link").GetProperty("id").GetInt32();

        var list = await (await owner.GetAsync($"/api/music/tracks/{id}/share-links")).JsonAsync();
        var listed = Assert.Single(list.GetProperty("data").EnumerateArray());
        Assert.Equal("valid", listed.GetProperty("state").GetString());
        Assert.Equal(token[..6], listed.GetProperty("hint").GetString());
        Assert.False(listed.TryGetProperty("token", out _));
        var days = listed.GetProperty("expiresAt").GetDateTime() - listed.GetProperty("createdAt").GetDateTime();
        Assert.Equal(TimeSpan.FromDays(3), days);

        await (await stranger.GetAsync($"/api/music/tracks/{id}/share-links")).ProblemAsync(404, "TRACK_NOT_FOUND");
        await (await stranger.DeleteAsync($"/api/music/tracks/{id}/share-links/{linkId}")).ProblemAsync(404, "TRACK_NOT_FOUND");
        await (await site.CreateClient().PostAsJsonAsync($"/api/music/tracks/{id}/share-links", new { })).ProblemAsync(401, "UNAUTHORIZED");
        await (await owner.PostAsJsonAsync($"/api/music/tracks/{id}/share-links", new { days = 31 })).ProblemAsync(400, "VALIDATION_FAILED");
        await (await owner.DeleteAsync($"/api/music/tracks/{id}/share-links/999999")).ProblemAsync(404, "SHARE_LINK_NOT_FOUND");

        var revoked = await (await owner.DeleteAsync($"/api/music/tracks/{id}/share-links/{linkId}")).JsonAsync();
        Assert.Equal("revoked", revoked.GetProperty("state").GetString());
        await (await site.CreateClient().GetAsync(Stream(id, token))).ProblemAsync(404, "TRACK_NOT_FOUND");
        var page = await site.CreateClient().GetAsync($"/s/{token}");
        Assert.Equal(410, (int)page.StatusCode);
        Assert.Contains("turned it off", await page.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task SharePage_ShowsThePrivateTrackWithAPlayerThatCarriesTheToken_AndNoApiUrlInAField()
    {
        var id = await TestCatalog.AddReadyTrackAsync(site.Services, "Page Secret", seconds: 2, isPublic: false);
        var token = await MakeLinkAsync(site.Services, id, TimeSpan.FromDays(1));

        var response = await site.CreateClient().GetAsync($"/s/{token}");
        Assert.Equal(200, (int)response.StatusCode);
        var page = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        Assert.Equal("Page Secret", page.QuerySelector("main h1")!.TextContent);
        Assert.Equal(Stream(id, token), page.QuerySelector("a[data-play]")!.GetAttribute("href"));
        // Without JavaScript: an <audio> element (inside <noscript>) whose source carries the token.
        var noscript = new HtmlParser().ParseFragment(page.QuerySelector("main noscript")!.InnerHtml, page.Body!);
        Assert.Contains(noscript.OfType<AngleSharp.Dom.IElement>(), e => e.LocalName == "audio" && e.GetAttribute("src") == Stream(id, token));
        // The link to copy is the page's own; no field anywhere holds an API address.
        Assert.EndsWith($"/s/{token}", page.QuerySelector("#share-url")!.GetAttribute("value"), StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("#share-url[readonly]"));
        Assert.NotNull(page.QuerySelector("button[data-copy='#share-url']"));
        Assert.DoesNotContain(page.QuerySelectorAll("input, textarea"), f => (f.GetAttribute("value") ?? f.TextContent).Contains("/api/", StringComparison.Ordinal));

        var unknown = await site.CreateClient().GetAsync("/s/no-such-token");
        Assert.Equal(404, (int)unknown.StatusCode);
        Assert.DoesNotContain("Page Secret", await unknown.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Forms_OwnerMakesALink_LandsOnItsPage_SeesItListed_AndTurnsItOff()
    {
        var email = $"former-{Guid.NewGuid():N}@example.com";
        var owner = await site.CookieClientAsync("Artist", email);
        var id = await TestCatalog.AddReadyTrackAsync(site.Services, "Form Secret", seconds: 2, isPublic: false, uploaderEmail: email);
        var trackPage = new HtmlParser().ParseDocument(await owner.GetStringAsync($"/tracks/{id}"));
        Assert.DoesNotContain(trackPage.QuerySelectorAll("input"), f => (f.GetAttribute("value") ?? "").Contains("token=", StringComparison.Ordinal));
        Assert.NotNull(trackPage.QuerySelector($"a[href='/tracks/{id}/share']"));

        var made = await SubmitAsync(owner, $"/tracks/{id}/share", "main form", new() { ["days"] = "30" });
        Assert.Equal(302, (int)made.StatusCode);
        var sharePath = made.Headers.Location!.OriginalString;
        Assert.Matches("^/s/[A-Za-z0-9_-]{43}\\?made=1$", sharePath);
        var madePage = new HtmlParser().ParseDocument(await owner.GetStringAsync(sharePath));
        Assert.NotNull(madePage.QuerySelector("[data-testid=link-made][role=status]"));

        var list = new HtmlParser().ParseDocument(await owner.GetStringAsync($"/tracks/{id}/share"));
        var row = Assert.Single(list.QuerySelectorAll("[data-testid=share-links] li"));
        Assert.Contains("works until", row.TextContent);
        var revoke = await SubmitAsync(owner, $"/tracks/{id}/share", $"[data-link-id='{row.GetAttribute("data-link-id")}'] form", []);
        Assert.Equal(302, (int)revoke.StatusCode);
        list = new HtmlParser().ParseDocument(await owner.GetStringAsync(revoke.Headers.Location!.OriginalString));
        Assert.Contains("turned off", list.QuerySelector("[data-testid=share-links] li")!.TextContent);
        Assert.NotNull(list.QuerySelector("[data-testid=revoked]"));
        Assert.Equal(410, (int)(await site.CreateClient().GetAsync(sharePath.Split('?')[0])).StatusCode);

        var stranger = await site.CookieClientAsync("Artist");
        Assert.Equal(404, (int)(await stranger.GetAsync($"/tracks/{id}/share")).StatusCode);
    }
}
