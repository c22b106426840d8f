using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MusicSite.Attribution;
using MusicSite.Notifications;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Lineage;

/// <summary>Registering remix links and stem uses through the API: every refusal, notifications, one row under races.</summary>
public sealed class LinkRegistrationApiTests(MusicSiteFactory site) : IClassFixture<MusicSiteFactory>
{
    private readonly LineageData _data = new(site.Services);

    /// <summary>A signed-in client and its user id.</summary>
    private async Task<(HttpClient Client, int Id)> PersonAsync(string name)
    {
        var client = await site.SignedInClientAsync($"{name}-{Guid.NewGuid():N}@example.com");
        var id = (await (await client.GetAsync("/api/auth/me")).JsonAsync()).GetProperty("id").GetInt32();
        return (client, id);
    }

    private static Task<HttpResponseMessage> RemixAsync(HttpClient client, int originalId, int remixTrackId, string kind = "remix") =>
        client.PostAsJsonAsync($"/api/music/tracks/{originalId}/remixes", new { remixTrackId, kind });

    private Task<List<Notification>> NotificationsAsync(int userId) =>
        site.WithDbAsync(db => db.Notifications.Where(n => n.UserId == userId).OrderBy(n => n.Id).ToListAsync());

    [Fact]
    public async Task Remix_Registered_Answers201_TellsTheOriginalsOwner_AndShowsInTheLineage()
    {
        var (alice, aliceId) = await PersonAsync("alice");
        var (bob, bobId) = await PersonAsync("bob");
        var original = await _data.TrackAsync(aliceId, "Alice Original");
        var remix = await _data.TrackAsync(bobId, "Bob Remix");

        var response = await RemixAsync(bob, original, remix, "sample-based");

        Assert.Equal(201, (int)response.StatusCode);
        var link = await response.JsonAsync();
        Assert.Equal(("remix", "approved", "sample-based"), (link.GetProperty("type").GetString(), link.GetProperty("status").GetString(),
            link.GetProperty("kind").GetString()));
        Assert.Equal("Alice Original", link.GetProperty("original").GetProperty("title").GetString());
        Assert.Contains("requires attribution", link.GetProperty("reason").GetString());
        var told = Assert.Single(await NotificationsAsync(aliceId));
        Assert.Equal((NotificationKind.RemixRegistered, (int?)bobId, $"/tracks/{remix}"), (told.Kind, told.ActorId, told.Link));
        Assert.Contains("“Bob Remix”", told.Text);
        Assert.Empty(await NotificationsAsync(bobId));
        var attribution = await (await alice.GetAsync($"/api/music/tracks/{remix}/attribution")).JsonAsync();
        Assert.Contains(attribution.GetProperty("nodes").EnumerateArray(), n => n.GetProperty("title").GetString() == "Alice Original");
        var remixes = await (await alice.GetAsync($"/api/music/tracks/{original}/remixes")).JsonAsync();
        Assert.Contains(remixes.GetProperty("nodes").EnumerateArray(), n => n.GetProperty("title").GetString() == "Bob Remix");
    }

    [Fact]
    public async Task Remix_OwnOriginal_NoNotification()
    {
        var (carol, carolId) = await PersonAsync("carol");
        var original = await _data.TrackAsync(carolId, "Carol One", license: "all-rights-reserved");
        var edit = await _data.TrackAsync(carolId, "Carol Edit", license: "all-rights-reserved");

        Assert.Equal(201, (int)(await RemixAsync(carol, original, edit, "edit")).StatusCode);
        Assert.Empty(await NotificationsAsync(carolId));
    }

    [Fact]
    public async Task Remix_Refusals_EachWithItsCode()
    {
        var (dan, danId) = await PersonAsync("dan");
        var (erin, erinId) = await PersonAsync("erin");
        var erinsPrivate = await _data.TrackAsync(erinId, "Erin Private", isPublic: false);
        var erinsPublic = await _data.TrackAsync(erinId, "Erin Public");
        var noDerivatives = await _data.TrackAsync(erinId, "Erin ND", license: "cc-by-nd");
        var shareAlike = await _data.TrackAsync(erinId, "Erin SA", license: "cc-by-sa");
        var mine = await _data.TrackAsync(danId, "Dan Track");
        var chain = await _data.ChainAsync(danId, 6, "Dan Gen");

        await (await RemixAsync(dan, erinsPrivate, mine)).ProblemAsync(404, "TRACK_NOT_FOUND");
        await (await RemixAsync(dan, 999999, mine)).ProblemAsync(404, "TRACK_NOT_FOUND");
        await (await RemixAsync(dan, erinsPublic, erinsPrivate)).ProblemAsync(404, "TRACK_NOT_FOUND");
        await (await RemixAsync(dan, mine, erinsPublic)).ProblemAsync(403, "UNAUTHORIZED_ACCESS");
        await (await RemixAsync(dan, mine, mine)).ProblemAsync(409, "SELF_LINK");
        await (await RemixAsync(dan, chain[1], chain[0])).ProblemAsync(409, "LINEAGE_CYCLE");
        await (await RemixAsync(dan, chain[5], chain[0])).ProblemAsync(409, "LINEAGE_CYCLE");
        await (await RemixAsync(dan, chain[0], chain[1])).ProblemAsync(409, "DUPLICATE_LINK");
        var nd = await (await RemixAsync(dan, noDerivatives, mine)).ProblemAsync(422, "LICENSE_CONFLICT");
        Assert.Equal(["CC BY-ND allows no derivatives."], nd.GetProperty("errors").GetProperty("license").EnumerateArray().Select(e => e.GetString()));
        var sa = await (await RemixAsync(dan, shareAlike, mine)).ProblemAsync(422, "LICENSE_CONFLICT");
        Assert.Contains("share-alike", sa.GetProperty("title").GetString());
        await (await RemixAsync(dan, erinsPublic, mine, "parody")).ProblemAsync(400, "VALIDATION_FAILED");
        await (await dan.PostAsJsonAsync($"/api/music/tracks/{erinsPublic}/remixes", new { kind = "remix" })).ProblemAsync(400, "VALIDATION_FAILED");
        await (await dan.PostAsJsonAsync($"/api/music/tracks/{erinsPublic}/remixes", new { remixTrackId = "12" })).ProblemAsync(400, "VALIDATION_FAILED");
        await (await site.CreateClient().PostAsJsonAsync($"/api/music/tracks/{erinsPublic}/remixes", new { remixTrackId = mine }))
            .ProblemAsync(401, "UNAUTHORIZED");
        Assert.Equal(5, await site.WithDbAsync(db => db.TrackRelations.CountAsync(r => r.DerivativeId == mine || chain.Contains(r.DerivativeId))));
    }

    [Fact]
    public async Task PendingCycle_IsRefusedToo()
    {
        var (fay, fayId) = await PersonAsync("fay");
        var (gus, gusId) = await PersonAsync("gus");
        var faysTrack = await _data.TrackAsync(fayId, "Fay Reserved", license: "all-rights-reserved");
        var gusTrack = await _data.TrackAsync(gusId, "Gus Reserved", license: "all-rights-reserved");

        Assert.Equal(202, (int)(await RemixAsync(gus, faysTrack, gusTrack)).StatusCode);
        await (await RemixAsync(fay, gusTrack, faysTrack)).ProblemAsync(409, "LINEAGE_CYCLE");
    }

    [Fact]
    public async Task ConcurrentIdenticalPosts_LeaveOneRow()
    {
        var (hal, halId) = await PersonAsync("hal");
        var original = await _data.TrackAsync(halId, "Hal Original");
        var remix = await _data.TrackAsync(halId, "Hal Remix");

        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => RemixAsync(hal, original, remix)));

        Assert.Equal(1, answers.Count(a => (int)a.StatusCode == 201));
        Assert.All(answers.Where(a => (int)a.StatusCode != 201), a => Assert.Equal(409, (int)a.StatusCode));
        Assert.Equal(1, await site.WithDbAsync(db => db.TrackRelations.CountAsync(r => r.DerivativeId == remix)));
    }

    [Fact]
    public async Task StemUse_RegisteredRefusedAndNotified()
    {
        var (ivy, ivyId) = await PersonAsync("ivy");
        var (jon, jonId) = await PersonAsync("jon");
        var ivysTrack = await _data.TrackAsync(ivyId, "Ivy Song");
        var ivysPrivate = await _data.TrackAsync(ivyId, "Ivy Hidden", isPublic: false);
        var bass = await _data.StemAsync(ivysTrack, "Ivy Bass");
        var shareAlikeStem = await _data.StemAsync(ivysTrack, "Ivy SA Pad", license: "cc-by-sa");
        var hiddenStem = await _data.StemAsync(ivysPrivate, "Hidden Lead");
        var jonsTrack = await _data.TrackAsync(jonId, "Jon Song");
        var jonsStem = await _data.StemAsync(jonsTrack, "Jon Drums");
        var use = (HttpClient c, int stem, int trackId) => c.PostAsJsonAsync($"/api/stems/usage/{stem}", new { trackId });

        var created = await use(jon, bass, jonsTrack);

        Assert.Equal(201, (int)created.StatusCode);
        var link = await created.JsonAsync();
        Assert.Equal(("stem", "approved", "Ivy Bass"), (link.GetProperty("type").GetString(), link.GetProperty("status").GetString(),
            link.GetProperty("original").GetProperty("title").GetString()));
        var told = Assert.Single(await NotificationsAsync(ivyId));
        Assert.Equal(NotificationKind.StemUsed, told.Kind);
        Assert.Contains("“Ivy Bass”", told.Text);
        await (await use(jon, bass, jonsTrack)).ProblemAsync(409, "DUPLICATE_LINK");
        await (await use(jon, hiddenStem, jonsTrack)).ProblemAsync(404, "STEM_NOT_FOUND");
        await (await use(jon, jonsStem, jonsTrack)).ProblemAsync(409, "SELF_LINK");
        await (await use(jon, bass, ivysTrack)).ProblemAsync(403, "UNAUTHORIZED_ACCESS");
        await (await use(jon, shareAlikeStem, jonsTrack)).ProblemAsync(422, "LICENSE_CONFLICT");
        // Ivy's song would use a stem of Jon's song, which is built on Ivy's song through her bass.
        await (await use(ivy, jonsStem, ivysTrack)).ProblemAsync(409, "LINEAGE_CYCLE");
        var sources = await (await jon.GetAsync($"/api/stems/track/{jonsTrack}/sources")).JsonAsync();
        Assert.Equal(["Ivy Bass"], sources.GetProperty("data").EnumerateArray().Select(s => s.GetProperty("stem").GetProperty("title").GetString()));
        var usage = await (await jon.GetAsync($"/api/stems/{bass}/usage")).JsonAsync();
        Assert.Contains(usage.GetProperty("nodes").EnumerateArray(), n => n.GetProperty("title").GetString() == "Jon Song");
    }

    [Fact]
    public async Task Remove_OnlyTheDerivativesOwner_ThenTheLinkIsGone()
    {
        var (kim, kimId) = await PersonAsync("kim");
        var (lee, _) = await PersonAsync("lee");
        var original = await _data.TrackAsync(kimId, "Kim Original");
        var remix = await _data.TrackAsync(kimId, "Kim Remix");
        var linkId = (await (await RemixAsync(kim, original, remix)).JsonAsync()).GetProperty("id").GetInt32();

        await (await lee.DeleteAsync($"/api/lineage/links/remix/{linkId}")).ProblemAsync(404, "LINK_NOT_FOUND");
        await (await kim.DeleteAsync($"/api/lineage/links/stem/{linkId}")).ProblemAsync(404, "LINK_NOT_FOUND");
        await (await kim.DeleteAsync($"/api/lineage/links/other/{linkId}")).ProblemAsync(404, "LINK_NOT_FOUND");
        Assert.Equal(204, (int)(await kim.DeleteAsync($"/api/lineage/links/remix/{linkId}")).StatusCode);

        var attribution = await (await kim.GetAsync($"/api/music/tracks/{remix}/attribution")).JsonAsync();
        Assert.Single(attribution.GetProperty("nodes").EnumerateArray());
        Assert.Equal(201, (int)(await RemixAsync(kim, original, remix)).StatusCode);
    }
}
