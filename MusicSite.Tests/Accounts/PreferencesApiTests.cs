using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MusicSite.Accounts;
using MusicSite.Notifications;
using MusicSite.Playback;
using MusicSite.Tests.Infrastructure;
using MusicSite.Tests.Notifications;

namespace MusicSite.Tests.Accounts;

/// <summary>GET/PUT /api/me/preferences: defaults without a row, a round trip, partial changes, the two shapes of
/// <c>mail</c>, and field errors for bad values.</summary>
public sealed class PreferencesApiTests(MusicSiteFactory site) : IClassFixture<MusicSiteFactory>
{
    private async Task<(HttpClient Client, int UserId)> UserAsync()
    {
        var email = $"prefs-{Guid.NewGuid():N}@example.com";
        var client = await site.SignedInClientAsync(email);
        return (client, await site.UserIdAsync(email));
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("PUT")]
    public async Task Preferences_Anonymous_Answers401(string method)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), "/api/me/preferences");
        if (method == "PUT")
        {
            request.Content = JsonContent.Create(new { theme = "dark" });
        }

        var response = await site.CreateClient().SendAsync(request);

        await response.ProblemAsync(401, "UNAUTHORIZED");
    }

    [Fact]
    public async Task Get_UserWithoutARow_GivesTheDefaultsAndWritesNothing()
    {
        var (client, me) = await UserAsync();

        var body = await (await client.GetAsync("/api/me/preferences")).JsonAsync();

        Assert.Equal("system", body.GetProperty("theme").GetString());
        Assert.Equal("high", body.GetProperty("streamQuality").GetString());
        Assert.True(body.GetProperty("profilePublic").GetBoolean());
        Assert.True(body.GetProperty("likesPublic").GetBoolean());
        Assert.True(body.GetProperty("followsPublic").GetBoolean());
        var mail = body.GetProperty("mail").EnumerateObject().ToList();
        Assert.Equal(Enum.GetValues<NotificationKind>().Length, mail.Count);
        Assert.All(mail, m => Assert.False(m.Value.GetBoolean()));
        Assert.Contains(mail, m => m.Name == "comment-received");
        Assert.False(await site.WithDbAsync(db => db.UserPreferences.AnyAsync(p => p.UserId == me)));
    }

    [Fact]
    public async Task Put_EveryField_IsSavedAndReadBack()
    {
        var (client, me) = await UserAsync();

        var put = await client.PutAsJsonAsync("/api/me/preferences", new
        {
            theme = "dark", streamQuality = "lossless", profilePublic = false, likesPublic = false, followsPublic = false,
            mail = new Dictionary<string, bool> { ["comment-received"] = true, ["new-follower"] = true, ["new-release"] = false },
        });
        var body = await (await client.GetAsync("/api/me/preferences")).JsonAsync();

        Assert.Equal(200, (int)put.StatusCode);
        Assert.Equal("dark", body.GetProperty("theme").GetString());
        Assert.Equal("lossless", body.GetProperty("streamQuality").GetString());
        Assert.False(body.GetProperty("profilePublic").GetBoolean());
        Assert.False(body.GetProperty("likesPublic").GetBoolean());
        Assert.False(body.GetProperty("followsPublic").GetBoolean());
        Assert.Equal(["comment-received", "new-follower"], MailedKinds(body));
        var saved = await site.WithDbAsync(db => db.UserPreferences.SingleAsync(p => p.UserId == me));
        Assert.Equal((ThemeChoice.Dark, StreamQuality.Lossless), (saved.Theme, saved.StreamQuality));
        Assert.Equal([NotificationKind.CommentReceived, NotificationKind.NewFollower],
            await site.WithDbAsync(db => db.NotificationMailChoices.Where(c => c.UserId == me).Select(c => c.Kind).OrderBy(k => k).ToListAsync()));
    }

    [Fact]
    public async Task Put_SomeFields_LeavesTheOthersAndAListReplacesTheMailKinds()
    {
        var (client, _) = await UserAsync();
        await client.PutAsJsonAsync("/api/me/preferences", new
        {
            theme = "light", likesPublic = false, mail = new Dictionary<string, bool> { ["rating-received"] = true, ["reply-received"] = true },
        });

        await client.PutAsJsonAsync("/api/me/preferences", new { streamQuality = "low", mail = new Dictionary<string, bool> { ["rating-received"] = false } });
        var merged = await (await client.GetAsync("/api/me/preferences")).JsonAsync();
        await client.PutAsJsonAsync("/api/me/preferences", new { mail = new[] { "processing-failed", "NEW-FOLLOWER" } });
        var replaced = await (await client.GetAsync("/api/me/preferences")).JsonAsync();

        Assert.Equal(("light", "low", false), (merged.GetProperty("theme").GetString(), merged.GetProperty("streamQuality").GetString(),
            merged.GetProperty("likesPublic").GetBoolean()));
        Assert.Equal(["reply-received"], MailedKinds(merged));
        Assert.Equal(["new-follower", "processing-failed"], MailedKinds(replaced));
        Assert.Equal("light", replaced.GetProperty("theme").GetString());
    }

    [Theory]
    [InlineData("""{"theme":"purple"}""", "theme")]
    [InlineData("""{"theme":2}""", "theme")]
    [InlineData("""{"theme":"1"}""", "theme")]
    [InlineData("""{"streamQuality":"ultra"}""", "streamQuality")]
    [InlineData("""{"streamQuality":"low,high"}""", "streamQuality")]
    [InlineData("""{"profilePublic":"yes"}""", "profilePublic")]
    [InlineData("""{"likesPublic":1}""", "likesPublic")]
    [InlineData("""{"followsPublic":"false"}""", "followsPublic")]
    [InlineData("""{"mail":{"comment-received":"yes"}}""", "mail")]
    [InlineData("""{"mail":{"no-such-kind":true}}""", "mail")]
    [InlineData("""{"mail":["comment-received", 3]}""", "mail")]
    [InlineData("""{"mail":"all"}""", "mail")]
    public async Task Put_BadValue_Answers400WithAFieldErrorAndChangesNothing(string json, string field)
    {
        var (client, me) = await UserAsync();

        var response = await client.PutAsync("/api/me/preferences", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        var problem = await response.ProblemAsync(400, "VALIDATION_FAILED");
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.False(await site.WithDbAsync(db => db.UserPreferences.AnyAsync(p => p.UserId == me)));
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"dark\"")]
    [InlineData("{")]
    public async Task Put_NotAnObject_Answers400(string json)
    {
        var (client, _) = await UserAsync();

        var response = await client.PutAsync("/api/me/preferences", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(400, (int)response.StatusCode);
    }

    private static List<string> MailedKinds(JsonElement body) =>
        body.GetProperty("mail").EnumerateObject().Where(m => m.Value.GetBoolean()).Select(m => m.Name).Order(StringComparer.Ordinal).ToList();
}
