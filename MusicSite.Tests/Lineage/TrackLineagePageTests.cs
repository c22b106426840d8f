using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using MusicSite.Attribution;
using MusicSite.Tests.Infrastructure;
using MusicSite.Tests.Notifications;

namespace MusicSite.Tests.Lineage;

/// <summary>The track page's "Based on", "Remixes", credits and lineage picture, as a browser without JavaScript gets them.</summary>
public sealed class TrackLineagePageTests(MusicSiteFactory site) : IClassFixture<MusicSiteFactory>
{
    private readonly LineageData _data = new(site.Services);

    [Fact]
    public async Task TrackPage_ThirdGeneration_ListsEveryOriginalWithItsGenerationAndCreditsInWords()
    {
        var owner = await _data.UserAsync("Chain");
        var chain = await _data.ChainAsync(owner, 4, "Based");
        await _data.LinkAsync(chain[0], chain[3], RelationKind.Cover);

        var doc = await site.CreateClient().PageAsync($"/tracks/{chain[3]}");

        var items = doc.QuerySelectorAll("[data-testid=based-on] > li");
        Assert.Equal(["1", "1", "2"], items.Select(i => i.GetAttribute("data-generation")).Order());
        Assert.Contains(items, i => i.GetAttribute("data-generation") == "2" && i.QuerySelector("a")!.GetAttribute("href") == $"/tracks/{chain[1]}");
        var credits = doc.QuerySelector("[data-testid=credits]")!.TextContent;
        Assert.Contains("This track is a remix of “Based 2” by Artist of Based 2 (", credits);
        Assert.Contains("a cover of “Based 0”", credits);
        Assert.Contains("all 3 works", credits);
    }

    [Fact]
    public async Task TrackPage_WithDerivatives_ListsRemixesAndDrawsTheLineageLinkingEachWork()
    {
        var owner = await _data.UserAsync("Root");
        var root = await _data.TrackAsync(owner, "Root Tune");
        var remix = await _data.TrackAsync(owner, "Root Tune (Night Remix)");
        var edit = await _data.TrackAsync(owner, "Root Tune (Radio Edit)");
        await _data.LinkAsync(root, remix);
        await _data.LinkAsync(root, edit, RelationKind.Edit);
        var stem = await _data.StemAsync(root, "Bassline");

        var doc = await site.CreateClient().PageAsync($"/tracks/{root}");

        var remixes = doc.QuerySelectorAll("[data-testid=remixes] > li").Select(li => li.TextContent.Trim()).ToList();
        Assert.Contains(remixes, r => r.StartsWith("Root Tune (Night Remix)", StringComparison.Ordinal) && r.EndsWith("remix", StringComparison.Ordinal));
        Assert.Contains(remixes, r => r.StartsWith("Root Tune (Radio Edit)", StringComparison.Ordinal) && r.EndsWith("edit", StringComparison.Ordinal));
        var links = doc.QuerySelectorAll("#lineage svg a.lineage-node").ToDictionary(a => a.GetAttribute("data-key")!, a => a.GetAttribute("href"));
        Assert.Equal($"/tracks/{remix}", links[$"track-{remix}"]);
        Assert.Equal($"/tracks/{edit}", links[$"track-{edit}"]);
        Assert.Equal($"/stems/{stem}", links[$"stem-{stem}"]);
        Assert.Equal("lineage-node lineage-current", doc.QuerySelector($"#lineage svg [data-key=track-{root}]")!.GetAttribute("class"));
        Assert.NotNull(doc.QuerySelector("#lineage-list a[href='/tracks/" + remix + "']"));
        Assert.Null(doc.QuerySelector("[data-testid=based-on]"));
    }

    [Fact]
    public async Task TrackPage_PrivateOriginal_ShowsAsWordsAndLeaksNoTitleOrId()
    {
        var stranger = await _data.UserAsync("Stranger");
        var owner = await _data.UserAsync("Owner");
        var secret = await _data.TrackAsync(stranger, "Secret Sketch Title", isPublic: false);
        var middle = await _data.TrackAsync(owner, "Public Middle");
        var top = await _data.TrackAsync(owner, "Public Top");
        await _data.LinkAsync(secret, middle);
        await _data.LinkAsync(middle, top);

        var response = await site.CreateClient().GetAsync($"/tracks/{top}");
        var html = await response.Content.ReadAsStringAsync();
        var doc = new HtmlParser().ParseDocument(html);

        Assert.DoesNotContain("Secret Sketch", html);
        Assert.DoesNotContain($"/tracks/{secret}\"", html);
        Assert.DoesNotContain($"track-{secret}", html);
        var second = doc.QuerySelector("[data-testid=based-on] > li[data-generation='2']")!;
        Assert.Contains("a private work", second.TextContent);
        Assert.Null(second.QuerySelector("a"));
        Assert.Contains("a private work", doc.QuerySelector("#lineage svg .lineage-masked")!.TextContent);
    }

    [Fact]
    public async Task TrackPage_OwnerOnly_SeesTheLinkToCreditOriginals()
    {
        var email = $"owner-{Guid.NewGuid():N}@example.com";
        var browser = await site.CookieClientAsync("Artist", email);
        var track = await _data.TrackAsync(await site.UserIdAsync(email), "Mine");

        var mine = await browser.PageAsync($"/tracks/{track}");
        var theirs = await site.CreateClient().PageAsync($"/tracks/{track}");

        Assert.Equal($"/tracks/{track}/lineage", mine.QuerySelector("[data-testid=register-originals]")!.GetAttribute("href"));
        Assert.Null(theirs.QuerySelector("[data-testid=register-originals]"));
        Assert.Null(theirs.QuerySelector("#lineage"));
    }
}
