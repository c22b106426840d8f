using System.Net.Http.Json;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using MusicSite.Attribution;
using MusicSite.Notifications;
using MusicSite.Tests.Infrastructure;
using MusicSite.Tests.Notifications;

namespace MusicSite.Tests.Lineage;

/// <summary>/me/requests without JavaScript: a pending request on my work, answered by its Accept or Decline form.</summary>
public sealed class RequestsPageTests(MusicSiteFactory site) : IClassFixture<MusicSiteFactory>
{
    private readonly LineageData _data = new(site.Services);

    private async Task<(HttpClient Browser, int RemixId, int LinkId, int AskerId)> PendingRequestAsync()
    {
        var ownerEmail = $"owner-{Guid.NewGuid():N}@example.com";
        var browser = await site.CookieClientAsync("Artist", ownerEmail);
        var original = await _data.TrackAsync(await site.UserIdAsync(ownerEmail), "Reserved Original", license: "all-rights-reserved");
        var askerEmail = $"asker-{Guid.NewGuid():N}@example.com";
        var asker = await site.SignedInClientAsync(askerEmail);
        var askerId = await site.UserIdAsync(askerEmail);
        var remix = await _data.TrackAsync(askerId, "Hopeful Remix", license: "all-rights-reserved");
        var response = await asker.PostAsJsonAsync($"/api/music/tracks/{original}/remixes", new { remixTrackId = remix, kind = "remix" });
        Assert.Equal(202, (int)response.StatusCode);
        return (browser, remix, (await response.JsonAsync()).GetProperty("id").GetInt32(), askerId);
    }

    [Fact]
    public async Task Accept_WithoutJavaScript_ApprovesTheLinkTellsTheAskerAndSaysSo()
    {
        var (browser, remix, linkId, askerId) = await PendingRequestAsync();
        var page = new HtmlParser().ParseDocument(await browser.GetStringAsync("/me/requests"));
        var row = page.QuerySelector($"[data-testid=incoming] [data-request='remix-{linkId}']")!;
        Assert.Contains("Hopeful Remix", row.TextContent);
        Assert.Contains("Reserved Original", row.TextContent);

        var fields = await PageSessions.HiddenFieldsAsync(browser, "/me/requests", $"form[action='/me/requests/remix/{linkId}/accept']");
        var response = await browser.PostAsync($"/me/requests/remix/{linkId}/accept", new FormUrlEncodedContent(fields));

        Assert.Equal("/me/requests?answered=accepted", response.Headers.Location!.OriginalString);
        Assert.Equal(LinkStatus.Approved, await site.WithDbAsync(db => db.TrackRelations.Where(r => r.Id == linkId).Select(r => r.Status).SingleAsync()));
        Assert.Contains(await site.WithDbAsync(db => db.Notifications.Where(n => n.UserId == askerId).Select(n => n.Kind).ToListAsync()),
            k => k == NotificationKind.ApprovalAnswered);
        var after = new HtmlParser().ParseDocument(await browser.GetStringAsync("/me/requests?answered=accepted"));
        Assert.Contains("Accepted", after.QuerySelector("[data-testid=answered]")!.TextContent);
        Assert.NotNull(after.QuerySelector("[data-testid=no-incoming]"));
    }

    [Fact]
    public async Task Decline_WithoutJavaScript_DeclinesTheRequest()
    {
        var (browser, _, linkId, _) = await PendingRequestAsync();

        var fields = await PageSessions.HiddenFieldsAsync(browser, "/me/requests", $"form[action='/me/requests/remix/{linkId}/decline']");
        var response = await browser.PostAsync($"/me/requests/remix/{linkId}/decline", new FormUrlEncodedContent(fields));

        Assert.Equal("/me/requests?answered=declined", response.Headers.Location!.OriginalString);
        Assert.Equal(LinkStatus.Declined, await site.WithDbAsync(db => db.TrackRelations.Where(r => r.Id == linkId).Select(r => r.Status).SingleAsync()));
    }

    [Fact]
    public async Task Accept_BySomeoneElse_Is404AndLeavesItPending()
    {
        var (_, _, linkId, _) = await PendingRequestAsync();
        var stranger = await site.CookieClientAsync();

        var fields = await PageSessions.HiddenFieldsAsync(stranger, "/me/requests", "form[action='/account/logout']");
        var response = await stranger.PostAsync($"/me/requests/remix/{linkId}/accept", new FormUrlEncodedContent(fields));

        Assert.Equal(404, (int)response.StatusCode);
        Assert.Equal(LinkStatus.Pending, await site.WithDbAsync(db => db.TrackRelations.Where(r => r.Id == linkId).Select(r => r.Status).SingleAsync()));
    }

    [Fact]
    public async Task Accept_WithoutAntiforgeryToken_ChangesNothing()
    {
        var (browser, _, linkId, _) = await PendingRequestAsync();

        var response = await browser.PostAsync($"/me/requests/remix/{linkId}/accept", new FormUrlEncodedContent([]));

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal(LinkStatus.Pending, await site.WithDbAsync(db => db.TrackRelations.Where(r => r.Id == linkId).Select(r => r.Status).SingleAsync()));
    }
}
