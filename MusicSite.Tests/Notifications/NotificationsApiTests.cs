using System.Net.Http.Json;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Notifications;

/// <summary>GET /api/notifications, PUT /api/notifications/{id}/read and /read-all: only the caller's own rows,
/// newest first, paged; another user's notification is a 404 like a missing one.</summary>
public sealed class NotificationsApiTests(MusicSiteFactory site) : IClassFixture<MusicSiteFactory>
{
    private async Task<(HttpClient Client, int UserId)> UserAsync()
    {
        var email = $"inbox-{Guid.NewGuid():N}@example.com";
        var client = await site.SignedInClientAsync(email);
        return (client, await site.UserIdAsync(email));
    }

    [Theory]
    [InlineData("GET", "/api/notifications")]
    [InlineData("PUT", "/api/notifications/1/read")]
    [InlineData("PUT", "/api/notifications/read-all")]
    public async Task Route_Anonymous_Answers401(string method, string path)
    {
        var response = await site.CreateClient().SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        await response.ProblemAsync(401, "UNAUTHORIZED");
    }

    [Fact]
    public async Task List_OfTheCaller_IsNewestFirstPagedAndOnlyTheirs()
    {
        var (client, me) = await UserAsync();
        var (_, other) = await UserAsync();
        await site.AddNotificationAsync(me, "oldest", minutesAgo: 30);
        await site.AddNotificationAsync(me, "middle", minutesAgo: 20, read: true);
        await site.AddNotificationAsync(me, "newest", minutesAgo: 10);
        await site.AddNotificationAsync(other, "someone else's", minutesAgo: 5);

        var first = await (await client.GetAsync("/api/notifications?limit=2")).JsonAsync();
        var second = await (await client.GetAsync("/api/notifications?limit=2&page=2")).JsonAsync();

        Assert.Equal(["newest", "middle"], first.GetProperty("data").EnumerateArray().Select(n => n.GetProperty("text").GetString()));
        Assert.Equal(["oldest"], second.GetProperty("data").EnumerateArray().Select(n => n.GetProperty("text").GetString()));
        var meta = first.GetProperty("meta");
        Assert.Equal(3, meta.GetProperty("total").GetInt32());
        Assert.True(meta.GetProperty("hasNext").GetBoolean());
        var newest = first.GetProperty("data")[0];
        Assert.Equal("remix-registered", newest.GetProperty("kind").GetString());
        Assert.False(newest.GetProperty("isRead").GetBoolean());
        Assert.Equal("/tracks/1", newest.GetProperty("link").GetString());
        Assert.True(first.GetProperty("data")[1].GetProperty("isRead").GetBoolean());
    }

    [Fact]
    public async Task List_UnreadTrue_KeepsOnlyTheUnread()
    {
        var (client, me) = await UserAsync();
        await site.AddNotificationAsync(me, "read one", read: true);
        await site.AddNotificationAsync(me, "unread one");

        var body = await (await client.GetAsync("/api/notifications?unread=true")).JsonAsync();

        Assert.Equal(["unread one"], body.GetProperty("data").EnumerateArray().Select(n => n.GetProperty("text").GetString()));
        Assert.Equal(1, body.GetProperty("meta").GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData("?limit=0")]
    [InlineData("?limit=101")]
    [InlineData("?page=0")]
    public async Task List_BadPaging_Answers400(string query)
    {
        var (client, _) = await UserAsync();

        await (await client.GetAsync("/api/notifications" + query)).ProblemAsync(400, "VALIDATION_FAILED");
    }

    [Fact]
    public async Task MarkRead_OwnNotification_SetsReadAtOnce()
    {
        var (client, me) = await UserAsync();
        var id = await site.AddNotificationAsync(me, "to read");

        var response = await client.PutAsync($"/api/notifications/{id}/read", null);
        var firstRead = await site.ReadAtAsync(id);
        await client.PutAsync($"/api/notifications/{id}/read", null);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.True((await response.JsonAsync()).GetProperty("isRead").GetBoolean());
        Assert.NotNull(firstRead);
        Assert.Equal(firstRead, await site.ReadAtAsync(id));
    }

    [Fact]
    public async Task MarkRead_AnotherUsersNotification_Answers404AndLeavesItUnread()
    {
        var (_, owner) = await UserAsync();
        var (intruder, _) = await UserAsync();
        var id = await site.AddNotificationAsync(owner, "not yours");

        var response = await intruder.PutAsync($"/api/notifications/{id}/read", null);

        await response.ProblemAsync(404, "NOTIFICATION_NOT_FOUND");
        Assert.Null(await site.ReadAtAsync(id));
    }

    [Fact]
    public async Task MarkRead_MissingId_Answers404()
    {
        var (client, _) = await UserAsync();

        await (await client.PutAsync("/api/notifications/999999/read", null)).ProblemAsync(404, "NOTIFICATION_NOT_FOUND");
    }

    [Fact]
    public async Task ReadAll_MarksEveryUnreadOfTheCallerAndNoOneElse()
    {
        var (client, me) = await UserAsync();
        var (_, other) = await UserAsync();
        var mine = new[] { await site.AddNotificationAsync(me, "a"), await site.AddNotificationAsync(me, "b") };
        await site.AddNotificationAsync(me, "already", read: true);
        var theirs = await site.AddNotificationAsync(other, "theirs");

        var response = await client.PutAsync("/api/notifications/read-all", null);

        Assert.Equal(2, (await response.JsonAsync()).GetProperty("marked").GetInt32());
        foreach (var id in mine)
        {
            Assert.NotNull(await site.ReadAtAsync(id));
        }
        Assert.Null(await site.ReadAtAsync(theirs));
        var unread = await (await client.GetAsync("/api/notifications?unread=true")).JsonAsync();
        Assert.Equal(0, unread.GetProperty("meta").GetProperty("total").GetInt32());
    }
}
