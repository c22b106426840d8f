using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Mvc.Testing;
using MusicSite.Attribution;
using MusicSite.Catalog;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Stems;

/// <summary>The stem browser /stems and the stem page /stems/{id} as a browser without JavaScript gets them.</summary>
public sealed class StemPagesTests(MusicSiteFactory site) : IClassFixture<MusicSiteFactory>
{
    private static string Word() => "w" + Guid.NewGuid().ToString("N")[..10];

    private HttpClient Client() => site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    private static async Task<IDocument> PageAsync(HttpClient client, string path, int status = 200)
    {
        var response = await client.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(status == (int)response.StatusCode, $"{path}: {(int)response.StatusCode} {html[..Math.Min(300, html.Length)]}");
        return new HtmlParser().ParseDocument(html);
    }

    private static List<string> RowNames(IDocument doc) =>
        doc.QuerySelectorAll("ol.stem-list > li .track-title").Select(a => a.TextContent.Trim()).ToList();

    [Fact]
    public async Task Browser_FiltersFromTheUrl_ShowTheMatchingStemsWithPlayLinks()
    {
        var word = Word();
        var track = await TestCatalog.AddReadyTrackAsync(site.Services, $"Tide {word}", 5);
        var kick = await TestStems.AddAsync(site.Services, track, new StemSeed("Kick loop"));
        await TestStems.AddAsync(site.Services, track, new StemSeed("Bass line", Instrument: "Bass Guitar", RemixAllowed: false));

        var doc = await PageAsync(Client(), $"/stems?search={word}&instrument=Kick");

        Assert.Equal(["Kick loop"], RowNames(doc));
        var row = doc.QuerySelector("ol.stem-list > li")!;
        Assert.Equal($"stem-{kick}", row.GetAttribute("data-track-id"));
        var play = row.QuerySelector("a[data-play]")!;
        Assert.Equal($"/api/stems/{kick}/stream", play.GetAttribute("href"));
        Assert.Equal($"/stems/{kick}", play.GetAttribute("data-page"));
        Assert.Contains($"/api/music/tracks/{track}/artwork", play.GetAttribute("data-cover"));
        Assert.Null(play.GetAttribute("data-count-after"));
        Assert.Equal($"/stems/{kick}", row.QuerySelector("a.track-title")!.GetAttribute("href"));
        Assert.Equal("Kick", doc.QuerySelector("#instrument option[selected]")?.TextContent);
        Assert.Equal(["Bass line"], RowNames(await PageAsync(Client(), $"/stems?search={word}&remix_allowed=false")));
        // Every control of the form has a label.
        Assert.All(doc.QuerySelectorAll("#stem-form input:not([type=hidden]), #stem-form select"),
            control => Assert.NotNull(doc.QuerySelector($"label[for='{control.Id}']")));
    }

    [Fact]
    public async Task Browser_SubmittedFormWithEmptyFields_RedirectsToTheCleanUrl()
    {
        var response = await Client().GetAsync("/stems?search=tide&instrument=&key=&bpm_min=&bpm_max=&license=&remix_allowed=&sort=newest");

        Assert.Equal(302, (int)response.StatusCode);
        Assert.Equal("/stems?search=tide", response.Headers.Location?.PathAndQuery);
    }

    [Fact]
    public async Task Browser_Paging_KeepsTheFilters()
    {
        var word = Word();
        var track = await TestCatalog.AddReadyTrackAsync(site.Services, $"Paged {word}", 5);
        for (var i = 0; i < 3; i++)
        {
            await TestStems.AddAsync(site.Services, track, new StemSeed($"Take {i}", CreatedAt: DateTime.UtcNow.AddMinutes(i - 10)));
        }

        var first = await PageAsync(Client(), $"/stems?search={word}&limit=2");
        var next = first.QuerySelector("nav.pager a[rel=next]")?.GetAttribute("href");
        var second = await PageAsync(Client(), next!);
        var past = await Client().GetAsync($"/stems?search={word}&limit=2&page=9");

        Assert.Equal(["Take 2", "Take 1"], RowNames(first));
        Assert.Equal($"/stems?search={word}&limit=2&page=2", next);
        Assert.Equal(["Take 0"], RowNames(second));
        Assert.Equal(302, (int)past.StatusCode);
        Assert.Equal($"/stems?search={word}&page=2&limit=2", past.Headers.Location?.PathAndQuery);
    }

    [Fact]
    public async Task Browser_BadFilterValues_AreNamedAndIgnored_NeverAnError()
    {
        var word = Word();
        var track = await TestCatalog.AddReadyTrackAsync(site.Services, $"Loose {word}", 5);
        await TestStems.AddAsync(site.Services, track, new StemSeed("Still listed"));

        var doc = await PageAsync(Client(), $"/stems?search={word}&key=H&instrument=Kazoo&bpm_min=fast&license=nope&remix_allowed=maybe");

        var alert = doc.QuerySelector("[data-testid=filter-errors]")!.TextContent;
        Assert.Contains("Kazoo", alert);
        Assert.Contains("nope", alert);
        Assert.Contains("bpm_min", alert);
        Assert.Contains("remix_allowed", alert);
        Assert.Contains("key", alert, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(["Still listed"], RowNames(doc));
    }

    [Fact]
    public async Task Browser_NothingMatches_SaysSoAndOffersAWayOut()
    {
        var doc = await PageAsync(Client(), $"/stems?search={Word()}&instrument=Kick");

        var empty = doc.QuerySelector("[data-testid=empty]")!;
        Assert.Contains("No stems match", empty.TextContent);
        Assert.Contains(empty.QuerySelectorAll("a"), a => a.GetAttribute("href") == "/stems");
        Assert.Null(doc.QuerySelector("ol.stem-list"));
    }

    [Fact]
    public async Task Navigation_LinksToTheStemBrowser()
    {
        var doc = await PageAsync(Client(), "/stems");

        var link = doc.QuerySelector("nav[aria-label=Main] a[href='/stems']")!;
        Assert.Equal("page", link.GetAttribute("aria-current"));
    }

    [Fact]
    public async Task StemPage_ShowsSourceTrackRightsLicenseDownloadAndInstrumentLink()
    {
        var track = await TestCatalog.AddReadyTrackAsync(site.Services, $"Source {Word()}", 5);
        await TestStems.SetTrackMusicAsync(site.Services, track, "Bbm", 94);
        var id = await TestStems.AddAsync(site.Services, track, new StemSeed("Dry vocal", Instrument: "Kick", License: "cc-by-nc", RemixAllowed: false, CommercialAllowed: false));

        var doc = await PageAsync(Client(), $"/stems/{id}");

        Assert.Equal("Dry vocal", doc.QuerySelector("main h1")?.TextContent);
        Assert.Contains(doc.QuerySelectorAll("main a"), a => a.GetAttribute("href") == $"/tracks/{track}");
        Assert.Contains(doc.QuerySelectorAll("main img.cover"), img => img.GetAttribute("alt")!.StartsWith("Cover of Source", StringComparison.Ordinal));
        var rights = doc.QuerySelector("[data-testid=stem-rights]")!;
        Assert.Equal("https://creativecommons.org/licenses/by-nc/4.0/", rights.QuerySelector("a[rel~=license]")?.GetAttribute("href"));
        Assert.Contains("Ask first", rights.TextContent);
        Assert.Contains("non-commercial", rights.TextContent);
        Assert.Contains("credit Test Artist", rights.TextContent);
        Assert.Contains(doc.QuerySelectorAll("main a"), a => a.GetAttribute("href") == $"/api/stems/download/{id}");
        Assert.Contains(doc.QuerySelectorAll("main a"), a => a.GetAttribute("href") == "/stems?instrument=Kick");
        Assert.Contains("A♯/B♭ minor", doc.QuerySelector("main dl.facts:not(.stem-rights)")!.TextContent);
        Assert.NotNull(doc.QuerySelector($"noscript"));
    }

    [Fact]
    public async Task StemPage_NotDownloadable_HasNoDownloadLinkForOthers()
    {
        var track = await TestCatalog.AddReadyTrackAsync(site.Services, $"Kept {Word()}", 5);
        var id = await TestStems.AddAsync(site.Services, track, new StemSeed("Kept pad", IsDownloadable: false));

        var doc = await PageAsync(Client(), $"/stems/{id}");

        Assert.DoesNotContain(doc.QuerySelectorAll("main a"), a => a.GetAttribute("href") == $"/api/stems/download/{id}");
        Assert.Contains("not made this stem downloadable", doc.QuerySelector("main")!.TextContent);
    }

    [Fact]
    public async Task StemPage_OfAPrivateTrack_Is404ForOthers_AndShownToTheOwner()
    {
        var email = $"{Word()}@example.com";
        var owner = await site.CookieClientAsync("Artist", email);
        var track = await TestCatalog.AddReadyTrackAsync(site.Services, "Private source", 5, isPublic: false, uploaderEmail: email);
        var id = await TestStems.AddAsync(site.Services, track, new StemSeed("Private kick"));
        var pending = await TestStems.AddAsync(site.Services, track, new StemSeed("Coming", State: TrackState.Processing));

        await PageAsync(Client(), $"/stems/{id}", 404);
        await PageAsync(await site.CookieClientAsync("Artist"), $"/stems/{id}", 404);
        await PageAsync(Client(), "/stems/999999", 404);
        Assert.Equal("Private kick", (await PageAsync(owner, $"/stems/{id}")).QuerySelector("main h1")?.TextContent);
        Assert.Contains("still being processed", (await PageAsync(owner, $"/stems/{pending}")).QuerySelector("[data-testid=stem-state]")!.TextContent);
    }

    [Fact]
    public async Task StemPage_UsedIn_ListsTheTracksUsingItAndLaterGenerations_MaskingPrivateOnes()
    {
        var word = Word();
        var source = await TestCatalog.AddReadyTrackAsync(site.Services, $"Origin {word}", 5);
        var stem = await TestStems.AddAsync(site.Services, source, new StemSeed("Shared loop"));
        var user = await TestCatalog.AddReadyTrackAsync(site.Services, $"Uses it {word}", 5);
        var remix = await TestCatalog.AddReadyTrackAsync(site.Services, $"Remix of it {word}", 5);
        var hidden = await TestCatalog.AddReadyTrackAsync(site.Services, $"Hidden remix {word}", 5, isPublic: false);
        var unused = await TestStems.AddAsync(site.Services, source, new StemSeed("Lonely loop"));
        await site.WithDbAsync(async db =>
        {
            var now = DateTime.UtcNow;
            db.StemUsages.Add(new StemUsage { StemId = stem, TrackId = user, Status = LinkStatus.Approved, RequestedById = 1, CreatedAt = now });
            db.TrackRelations.Add(new TrackRelation { OriginalId = user, DerivativeId = remix, Kind = RelationKind.Remix, Status = LinkStatus.Approved, RequestedById = 1, CreatedAt = now });
            db.TrackRelations.Add(new TrackRelation { OriginalId = user, DerivativeId = hidden, Kind = RelationKind.Edit, Status = LinkStatus.Approved, RequestedById = 1, CreatedAt = now });
            return await db.SaveChangesAsync();
        });

        var usedIn = (await PageAsync(Client(), $"/stems/{stem}")).QuerySelector("[data-testid=used-in]")!;
        var empty = (await PageAsync(Client(), $"/stems/{unused}")).QuerySelector("[data-testid=used-in]")!;

        var links = usedIn.QuerySelectorAll("a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal([$"/tracks/{user}", $"/tracks/{remix}"], links);
        Assert.Contains("2 generations on", usedIn.TextContent);
        Assert.Contains("a private work", usedIn.TextContent);
        Assert.DoesNotContain("Hidden remix", usedIn.TextContent);
        Assert.Contains("No track uses this stem yet", empty.TextContent);
    }

    [Fact]
    public async Task TrackPage_StemsSection_ListsReadyStemsWithPlayersAndAllowedDownloads()
    {
        var email = $"{Word()}@example.com";
        var owner = await site.CookieClientAsync("Artist", email);
        var track = await TestCatalog.AddReadyTrackAsync(site.Services, "Layered", 5, uploaderEmail: email);
        var open = await TestStems.AddAsync(site.Services, track, new StemSeed("Open drums", Instrument: "Drum Kit"));
        var kept = await TestStems.AddAsync(site.Services, track, new StemSeed("Kept keys", Instrument: "Piano", IsDownloadable: false));
        var coming = await TestStems.AddAsync(site.Services, track, new StemSeed("Coming bass", Instrument: "Bass Guitar", State: TrackState.Processing));
        var bare = await TestCatalog.AddReadyTrackAsync(site.Services, "No stems", 5);

        var doc = await PageAsync(Client(), $"/tracks/{track}");
        var section = doc.QuerySelector("section[data-stem-player]")!;
        var ownView = (await PageAsync(owner, $"/tracks/{track}")).QuerySelector("section[data-stem-player]")!;

        Assert.Equal([open.ToString(), kept.ToString()], section.QuerySelectorAll("[data-stem-channel]").Select(li => li.GetAttribute("data-stem-channel")));
        var audio = section.QuerySelector($"[data-stem-channel='{open}'] audio")!;
        Assert.Equal($"/api/stems/{open}/stream", audio.GetAttribute("src"));
        Assert.True(audio.HasAttribute("controls"));
        Assert.Equal("none", audio.GetAttribute("preload"));
        Assert.NotNull(section.QuerySelector($"a[href='/api/stems/download/{open}']"));
        Assert.Null(section.QuerySelector($"a[href='/api/stems/download/{kept}']"));
        Assert.NotNull(section.QuerySelector($"a[href='/api/stems/track/{track}/download']"));
        Assert.Contains("/js/stem-player", section.GetAttribute("data-script"));
        Assert.Contains(ownView.QuerySelectorAll("[data-stem-channel]"), li => li.GetAttribute("data-stem-channel") == coming.ToString());
        Assert.NotNull(ownView.QuerySelector($"a[href='/api/stems/download/{kept}']")); // the owner may always download
        Assert.Null((await PageAsync(Client(), $"/tracks/{bare}")).QuerySelector("section[data-stem-player]"));
    }
}
