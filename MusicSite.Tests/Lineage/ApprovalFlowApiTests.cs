using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MusicSite.Notifications;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Lineage;

/// <summary>A link the licenses leave to the owner: request, notification, accept or decline, and what each side sees after.</summary>
public sealed class ApprovalFlowApiTests(MusicSiteFactory site) : IClassFixture<MusicSiteFactory>
{
    private readonly LineageData _data = new(site.Services);

    private async Task<(HttpClient Client, int Id)> PersonAsync(string name)
    {
        var client = await site.SignedInClientAsync($"{name}-{Guid.NewGuid():N}@example.com");
        var id = (await (await client.GetAsync("/api/auth/me")).JsonAsync()).GetProperty("id").GetInt32();
        return (client, id);
    }

    private Task<List<Notification>> NotificationsAsync(int userId) =>
        site.WithDbAsync(db => db.Notifications.Where(n => n.UserId == userId).OrderBy(n => n.Id).ToListAsync());

    private static IEnumerable<string?> Titles(JsonElement graph) =>
        graph.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("title").GetString());

    [Fact]
    public async Task AllRightsReserved_RequestThenAccept_TheLinkAppears()
    {
        var (owner, ownerId) = await PersonAsync("owner");
        var (asker, askerId) = await PersonAsync("asker");
        var (stranger, _) = await PersonAsync("stranger");
        var original = await _data.TrackAsync(ownerId, "Reserved Original", license: "all-rights-reserved");
        var remix = await _data.TrackAsync(askerId, "Hopeful Remix", license: "all-rights-reserved");

        var response = await asker.PostAsJsonAsync($"/api/music/tracks/{original}/remixes", new { remixTrackId = remix, kind = "remix" });

        Assert.Equal(202, (int)response.StatusCode);
        var pending = await response.JsonAsync();
        Assert.Equal("pending", pending.GetProperty("status").GetString());
        var id = pending.GetProperty("id").GetInt32();
        var request = Assert.Single(await NotificationsAsync(ownerId));
        Assert.Equal((NotificationKind.ApprovalRequested, "/me/requests"), (request.Kind, request.Link));
        Assert.Contains("its owner must approve", request.Text);
        Assert.DoesNotContain("Hopeful Remix", Titles(await (await owner.GetAsync($"/api/music/tracks/{original}/remixes")).JsonAsync()));
        var incoming = (await (await owner.GetAsync("/api/lineage/requests")).JsonAsync()).GetProperty("incoming").EnumerateArray().ToList();
        Assert.Equal([(id, "Hopeful Remix")], incoming.Select(r => (r.GetProperty("id").GetInt32(), r.GetProperty("derivative").GetProperty("title").GetString())));
        Assert.Empty((await (await asker.GetAsync("/api/lineage/requests")).JsonAsync()).GetProperty("incoming").EnumerateArray());

        await (await stranger.PostAsync($"/api/lineage/requests/remix/{id}/accept", null)).ProblemAsync(404, "LINK_NOT_FOUND");
        await (await asker.PostAsync($"/api/lineage/requests/remix/{id}/accept", null)).ProblemAsync(404, "LINK_NOT_FOUND");
        await (await owner.PostAsync($"/api/lineage/requests/stem/{id}/accept", null)).ProblemAsync(404, "LINK_NOT_FOUND");
        var accepted = await owner.PostAsync($"/api/lineage/requests/remix/{id}/accept", null);

        Assert.Equal(200, (int)accepted.StatusCode);
        Assert.Equal("approved", (await accepted.JsonAsync()).GetProperty("status").GetString());
        var answer = Assert.Single(await NotificationsAsync(askerId));
        Assert.Equal((NotificationKind.ApprovalAnswered, $"/tracks/{remix}"), (answer.Kind, answer.Link));
        Assert.Contains("accepted", answer.Text);
        Assert.Contains("Hopeful Remix", Titles(await (await site.CreateClient().GetAsync($"/api/music/tracks/{original}/remixes")).JsonAsync()));
        Assert.Empty((await (await owner.GetAsync("/api/lineage/requests")).JsonAsync()).GetProperty("incoming").EnumerateArray());
        var outgoing = (await (await asker.GetAsync("/api/lineage/requests")).JsonAsync()).GetProperty("outgoing").EnumerateArray().Single();
        Assert.Equal("approved", outgoing.GetProperty("status").GetString());
        await (await owner.PostAsync($"/api/lineage/requests/remix/{id}/decline", null)).ProblemAsync(409, "CONFLICT");
    }

    [Fact]
    public async Task StemWithoutRemixRights_RequestThenDecline_RequesterSeesDeclined()
    {
        var (owner, ownerId) = await PersonAsync("stem-owner");
        var (asker, askerId) = await PersonAsync("stem-asker");
        var source = await _data.TrackAsync(ownerId, "Guarded Song");
        var stem = await _data.StemAsync(source, "Guarded Vocal", remixAllowed: false);
        var track = await _data.TrackAsync(askerId, "Would-be User");

        var response = await asker.PostAsJsonAsync($"/api/stems/usage/{stem}", new { trackId = track });

        Assert.Equal(202, (int)response.StatusCode);
        var id = (await response.JsonAsync()).GetProperty("id").GetInt32();
        Assert.Equal(NotificationKind.ApprovalRequested, Assert.Single(await NotificationsAsync(ownerId)).Kind);
        var incoming = (await (await owner.GetAsync("/api/lineage/requests")).JsonAsync()).GetProperty("incoming").EnumerateArray().Single();
        Assert.Equal(("stem", "Guarded Vocal"), (incoming.GetProperty("type").GetString(), incoming.GetProperty("original").GetProperty("title").GetString()));

        var declined = await owner.PostAsync($"/api/lineage/requests/stem/{id}/decline", null);

        Assert.Equal(200, (int)declined.StatusCode);
        Assert.Equal("declined", (await declined.JsonAsync()).GetProperty("status").GetString());
        var answer = Assert.Single(await NotificationsAsync(askerId));
        Assert.Contains("declined", answer.Text);
        var outgoing = (await (await asker.GetAsync("/api/lineage/requests")).JsonAsync()).GetProperty("outgoing").EnumerateArray().Single();
        Assert.Equal("declined", outgoing.GetProperty("status").GetString());
        Assert.Empty((await (await asker.GetAsync($"/api/stems/track/{track}/sources")).JsonAsync()).GetProperty("data").EnumerateArray());
        Assert.DoesNotContain("Would-be User", Titles(await (await asker.GetAsync($"/api/stems/{stem}/usage")).JsonAsync()));
        await (await asker.PostAsJsonAsync($"/api/stems/usage/{stem}", new { trackId = track })).ProblemAsync(409, "DUPLICATE_LINK");
        Assert.Equal(204, (int)(await asker.DeleteAsync($"/api/lineage/links/stem/{id}")).StatusCode);
        Assert.Equal(202, (int)(await asker.PostAsJsonAsync($"/api/stems/usage/{stem}", new { trackId = track })).StatusCode);
    }

    [Fact]
    public async Task PrivateDerivative_InTheOwnersRequestList_IsMasked()
    {
        var (owner, ownerId) = await PersonAsync("masked-owner");
        var (asker, askerId) = await PersonAsync("masked-asker");
        var original = await _data.TrackAsync(ownerId, "Open Reserved", license: "all-rights-reserved");
        var secret = await _data.TrackAsync(askerId, "Zq Secret Remix", license: "all-rights-reserved", isPublic: false);

        Assert.Equal(202, (int)(await asker.PostAsJsonAsync($"/api/music/tracks/{original}/remixes", new { remixTrackId = secret })).StatusCode);

        var text = await owner.GetStringAsync("/api/lineage/requests");
        Assert.DoesNotContain("Zq", text, StringComparison.Ordinal);
        Assert.Contains("a private work", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Zq", Assert.Single(await NotificationsAsync(ownerId)).Text, StringComparison.Ordinal);
    }
}
