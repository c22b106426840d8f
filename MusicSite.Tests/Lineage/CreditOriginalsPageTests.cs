using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using MusicSite.Attribution;
using MusicSite.Tests.Infrastructure;
using MusicSite.Tests.Notifications;

namespace MusicSite.Tests.Lineage;

/// <summary>The owner's "Credit originals" page /tracks/{id}/lineage, as a browser without JavaScript uses it:
/// search, credit a found track, read the outcome and the license advice, remove a link.</summary>
public sealed class CreditOriginalsPageTests(MusicSiteFactory site) : IClassFixture<MusicSiteFactory>
{
    private readonly LineageData _data = new(site.Services);

    /// <summary>A signed-in owner with a track of theirs, and a word only this test's titles carry.</summary>
    private async Task<(HttpClient Browser, int OwnerId, int Track, string Word)> OwnerAsync(string license = "cc-by")
    {
        var email = $"owner-{Guid.NewGuid():N}@example.com";
        var browser = await site.CookieClientAsync("Artist", email);
        var ownerId = await site.UserIdAsync(email);
        var word = "w" + Guid.NewGuid().ToString("N")[..10];
        return (browser, ownerId, await _data.TrackAsync(ownerId, $"Derived {word}", license), word);
    }

    /// <summary>Posts the search result's credit form for <paramref name="original"/> as the page renders it, with
    /// <paramref name="kind"/>; returns the 303's target page.</summary>
    private static async Task<(HttpResponseMessage Response, IDocument? After)> CreditAsync(HttpClient browser, int track, string word, int original,
        string kind = "remix")
    {
        var page = await browser.PageAsync($"/tracks/{track}/lineage?q={word}");
        var form = page.QuerySelector($"[data-track='{original}'] form")!;
        var fields = form.QuerySelectorAll("input[type=hidden]")
            .Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!, i.GetAttribute("value") ?? "")).ToList();
        fields.Add(new("kind", kind));
        var response = await browser.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(fields));
        if ((int)response.StatusCode != 303)
        {
            return (response, null);
        }
        return (response, await browser.PageAsync(response.Headers.Location!.OriginalString));
    }

    private Task<int> LinkCountAsync(int derivative) => site.WithDbAsync(db => db.TrackRelations.CountAsync(r => r.DerivativeId == derivative));

    [Fact]
    public async Task Page_Owner_SeesSearchResultsWithoutTheTrackItselfAndTheLicenseAdvice()
    {
        var (browser, _, track, word) = await OwnerAsync();
        var other = await _data.TrackAsync(await _data.UserAsync("Other"), $"Original {word}");
        var hidden = await _data.TrackAsync(await _data.UserAsync("Hider"), $"Private {word}", isPublic: false);

        var page = await browser.PageAsync($"/tracks/{track}/lineage?q={word}");

        var rows = page.QuerySelectorAll("[data-testid=results] [data-track]").Select(r => r.GetAttribute("data-track")).ToList();
        Assert.Equal([other.ToString()], rows);
        Assert.DoesNotContain(hidden.ToString(), rows);
        var select = page.QuerySelector($"[data-track='{other}'] select[name=kind]")!;
        Assert.Equal(LineageNames.RelationKinds, select.QuerySelectorAll("option").Select(o => o.GetAttribute("value")));
        Assert.NotNull(page.QuerySelector($"label[for='{select.Id}']"));
        Assert.Contains("not legal advice", page.QuerySelector("[data-testid=license-advice]")!.TextContent);
        Assert.Equal("CC0", page.QuerySelector("[data-testid=advised-license]")!.TextContent.Trim().Split(' ')[0]);
        Assert.Contains("it complies", page.QuerySelector("[data-testid=current-license]")!.TextContent);
    }

    [Fact]
    public async Task Credit_OpenOriginal_LinksItSaysLinkedAndAdvisesItsLicense()
    {
        var (browser, _, track, word) = await OwnerAsync("cc-by-sa");
        var original = await _data.TrackAsync(await _data.UserAsync("Sharer"), $"Shared {word}", license: "cc-by-sa");

        var (response, after) = await CreditAsync(browser, track, word, original, "cover");

        Assert.StartsWith($"/tracks/{track}/lineage?q={word}&outcome=", response.Headers.Location!.OriginalString);
        Assert.Equal(RelationKind.Cover, await site.WithDbAsync(db =>
            db.TrackRelations.Where(r => r.DerivativeId == track && r.OriginalId == original && r.Status == LinkStatus.Approved).Select(r => r.Kind).SingleAsync()));
        Assert.StartsWith("Linked", after!.QuerySelector("[role=status][data-testid=outcome]")!.TextContent.Trim());
        Assert.Contains("approved", after.QuerySelector($"[data-testid=links]")!.TextContent, StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith("CC BY-SA", after.QuerySelector("[data-testid=advised-license]")!.TextContent.Trim());
        Assert.Contains("share-alike", after.QuerySelector("[data-testid=advice-reasons]")!.TextContent);
        Assert.Contains("it complies", after.QuerySelector("[data-testid=current-license]")!.TextContent);

        var ccBy = await site.WithDbAsync(db => db.Licenses.Where(l => l.Code == "cc-by").Select(l => l.Id).SingleAsync());
        await _data.SetAsync(track, t => t.LicenseId = ccBy);
        var changed = await browser.PageAsync($"/tracks/{track}/lineage");
        Assert.Contains("does not comply", changed.QuerySelector("[data-testid=current-license]")!.TextContent);
        Assert.Contains("share-alike", changed.QuerySelector("[data-testid=current-license]")!.TextContent);
    }

    [Fact]
    public async Task Credit_AllRightsReservedOriginal_WaitsForTheOwnersApproval()
    {
        var (browser, _, track, word) = await OwnerAsync("all-rights-reserved");
        var original = await _data.TrackAsync(await _data.UserAsync("Keeper"), $"Reserved {word}", license: "all-rights-reserved");

        var (_, after) = await CreditAsync(browser, track, word, original);

        Assert.Equal("Waiting for Keeper's approval (they were notified).", after!.QuerySelector("[data-testid=outcome]")!.TextContent.Trim());
        Assert.Equal(LinkStatus.Pending, await site.WithDbAsync(db => db.TrackRelations.Where(r => r.DerivativeId == track).Select(r => r.Status).SingleAsync()));
        Assert.Contains("Pending", after.QuerySelector("[data-testid=links]")!.TextContent);
    }

    [Fact]
    public async Task Credit_Refusals_ShowTheirOwnReasonAndStoreNothing()
    {
        var (browser, ownerId, track, word) = await OwnerAsync("cc-by");
        var linked = await _data.TrackAsync(await _data.UserAsync("Linked"), $"Linked {word}");
        await _data.LinkAsync(linked, track);
        var descendant = await _data.TrackAsync(ownerId, $"Descendant {word}");
        await _data.LinkAsync(track, descendant);
        var closed = await _data.TrackAsync(await _data.UserAsync("Closed"), $"Closed {word}", license: "cc-by-nd");

        var (_, duplicate) = await CreditAsync(browser, track, word, linked);
        var (_, cycle) = await CreditAsync(browser, track, word, descendant);
        var (_, clash) = await CreditAsync(browser, track, word, closed);

        Assert.Equal("This link is already registered.", duplicate!.QuerySelector("[data-testid=outcome]")!.TextContent.Trim());
        Assert.Contains("its own ancestor", cycle!.QuerySelector("[data-testid=outcome]")!.TextContent);
        Assert.StartsWith("License clash:", clash!.QuerySelector("[data-testid=outcome]")!.TextContent.Trim());
        Assert.Contains("allows no derivatives", clash.QuerySelector("[data-testid=outcome]")!.TextContent);
        Assert.Equal(1, await LinkCountAsync(track));
    }

    [Fact]
    public async Task Credit_SelfLinkUnknownKindOrBadId_AnswerAMessageNot500()
    {
        var (browser, _, track, word) = await OwnerAsync();
        var other = await _data.TrackAsync(await _data.UserAsync("Other"), $"Other {word}");
        var token = await PageSessions.AntiforgeryTokenAsync(browser, $"/tracks/{track}/lineage");

        async Task<string> PostAsync(string originalId, string kind)
        {
            var response = await browser.PostAsync($"/tracks/{track}/lineage/originals", new FormUrlEncodedContent(
                [new("__RequestVerificationToken", token), new("originalId", originalId), new("kind", kind)]));
            Assert.Equal(303, (int)response.StatusCode);
            return (await browser.PageAsync(response.Headers.Location!.OriginalString)).QuerySelector("[role=status][data-testid=outcome]")!.TextContent;
        }

        Assert.Contains("cannot be a remix of itself", await PostAsync(track.ToString(), "remix"));
        Assert.Contains("Choose what this track is", await PostAsync(other.ToString(), "parody"));
        Assert.Contains("Choose a track", await PostAsync("12abc", "remix"));
        Assert.Contains("No track has this id", await PostAsync("999999", "remix"));
        Assert.Equal(0, await LinkCountAsync(track));
    }

    [Fact]
    public async Task Credit_WithoutAntiforgeryToken_Is400AndStoresNothing()
    {
        var (browser, _, track, word) = await OwnerAsync();
        var other = await _data.TrackAsync(await _data.UserAsync("Other"), $"Other {word}");

        var response = await browser.PostAsync($"/tracks/{track}/lineage/originals",
            new FormUrlEncodedContent([new("originalId", other.ToString()), new("kind", "remix")]));

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal(0, await LinkCountAsync(track));
    }

    [Fact]
    public async Task Page_Stranger_Is403ForAVisibleTrackAnd404ForAPrivateOneAndCannotPost()
    {
        var (_, ownerId, track, _) = await OwnerAsync();
        var secret = await _data.TrackAsync(ownerId, "Secret", isPublic: false);
        var original = await _data.TrackAsync(ownerId, "Some original");
        var stranger = await site.CookieClientAsync("Artist");
        var token = await PageSessions.AntiforgeryTokenAsync(stranger);

        Assert.Equal(403, (int)(await stranger.GetAsync($"/tracks/{track}/lineage")).StatusCode);
        Assert.Equal(404, (int)(await stranger.GetAsync($"/tracks/{secret}/lineage")).StatusCode);
        var post = await stranger.PostAsync($"/tracks/{track}/lineage/originals", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", token), new("originalId", original.ToString()), new("kind", "remix")]));
        Assert.Equal(403, (int)post.StatusCode);
        Assert.Equal(0, await LinkCountAsync(track));
        var anonymous = await site.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false })
            .GetAsync($"/tracks/{track}/lineage");
        Assert.Contains("/account/login", anonymous.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Remove_WithoutJavaScript_DeletesTheLinkAndSaysSo()
    {
        var (browser, _, track, word) = await OwnerAsync();
        var original = await _data.TrackAsync(await _data.UserAsync("Gone"), $"Gone {word}");
        var link = await _data.LinkAsync(original, track, status: LinkStatus.Declined);
        var page = await browser.PageAsync($"/tracks/{track}/lineage");
        Assert.Contains("Declined", page.QuerySelector($"[data-link='remix-{link}']")!.TextContent);

        var fields = await PageSessions.HiddenFieldsAsync(browser, $"/tracks/{track}/lineage", $"form[action='/tracks/{track}/lineage/links/remix/{link}/remove']");
        var response = await browser.PostAsync($"/tracks/{track}/lineage/links/remix/{link}/remove", new FormUrlEncodedContent(fields));

        Assert.Equal(303, (int)response.StatusCode);
        Assert.Equal(0, await LinkCountAsync(track));
        var after = await browser.PageAsync(response.Headers.Location!.OriginalString);
        Assert.StartsWith("Removed", after.QuerySelector("[data-testid=outcome]")!.TextContent.Trim());
        Assert.NotNull(after.QuerySelector("[data-testid=no-links]"));
    }

    [Fact]
    public async Task Page_ForgedOutcome_ShowsNoMessage()
    {
        var (browser, _, track, _) = await OwnerAsync();

        var page = await browser.PageAsync($"/tracks/{track}/lineage?outcome=%2BYou%20won");

        Assert.Null(page.QuerySelector("[data-testid=outcome]"));
    }

    [Fact]
    public async Task Page_StemUseWithoutCommercialRights_AdvisesANonCommercialLicenseAndListsTheStem()
    {
        var (browser, _, track, _) = await OwnerAsync("cc-by");
        var source = await _data.TrackAsync(await _data.UserAsync("Stemmer"), "Stem source");
        var stem = await _data.StemAsync(source, "Quiet bass", commercialAllowed: false);
        var use = await _data.UseStemAsync(stem, track);

        var page = await browser.PageAsync($"/tracks/{track}/lineage");

        Assert.Contains("NC", page.QuerySelector("[data-testid=advised-license]")!.TextContent);
        Assert.Contains("commercial", page.QuerySelector("[data-testid=advice-reasons]")!.TextContent);
        Assert.Contains("does not comply", page.QuerySelector("[data-testid=current-license]")!.TextContent);
        Assert.Contains("Quiet bass", page.QuerySelector($"[data-link='stem-{use}']")!.TextContent);
        Assert.NotNull(page.QuerySelector($"form[action='/tracks/{track}/lineage/links/stem/{use}/remove']"));
    }
}
