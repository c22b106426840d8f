using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using MusicSite.Notifications;
using MusicSite.Tests.Infrastructure;
using MusicSite.Tests.Notifications;

namespace MusicSite.Tests.Community;

/// <summary>The timed-comment API: threads by moment with replies one level deep, the moment within the track,
/// authors edit and delete their own, the track's owner deletes any on their track, a private track's comments are
/// "not found" to others, and the owner and answered authors are told without the comment's text.</summary>
public sealed class CommentsApiTests(MusicSiteFactory site) : IClassFixture<MusicSiteFactory>
{
    private sealed record User(HttpClient Client, int Id, string Email);

    private async Task<User> UserAsync()
    {
        var email = $"comments-{Guid.NewGuid():N}@example.com";
        var client = await site.SignedInClientAsync(email);
        return new User(client, await site.UserIdAsync(email), email);
    }

    private Task<int> TrackAsync(User owner, bool isPublic = true) =>
        TestCatalog.AddReadyTrackAsync(site.Services, "Commented", seconds: 30, isPublic: isPublic, uploaderEmail: owner.Email);

    private static async Task<System.Text.Json.JsonElement> PostAsync(User user, string path, object body, int status = 201)
    {
        var response = await user.Client.PostAsJsonAsync(path, body);
        Assert.Equal(status, (int)response.StatusCode);
        return await response.JsonAsync();
    }

    [Theory]
    [InlineData("POST", "/api/music/tracks/1/comments")]
    [InlineData("POST", "/api/comments/1/replies")]
    [InlineData("PUT", "/api/comments/1")]
    [InlineData("DELETE", "/api/comments/1")]
    public async Task Write_Anonymous_Answers401(string method, string path)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonContent.Create(new { content = "hi", timestamp = 1 }) };

        await (await site.CreateClient().SendAsync(request)).ProblemAsync(401, "UNAUTHORIZED");
    }

    [Fact]
    public async Task Threads_ListedByMomentWithRepliesAndCounted()
    {
        var (owner, fan, other) = (await UserAsync(), await UserAsync(), await UserAsync());
        var trackId = await TrackAsync(owner);

        var late = await PostAsync(fan, $"/api/music/tracks/{trackId}/comments", new { content = "  Big drop  ", timestamp = 20.5 });
        var early = await PostAsync(other, $"/api/music/tracks/{trackId}/comments", new { content = "Nice intro", timestamp = 2 });
        var reply = await PostAsync(owner, $"/api/comments/{late.GetProperty("id").GetInt32()}/replies", new { content = "Thanks!" });
        // An answer to a reply joins the top comment's thread and takes its moment.
        var nested = await PostAsync(other, $"/api/comments/{reply.GetProperty("id").GetInt32()}/replies", new { content = "Agreed", timestamp = 3 });

        Assert.Equal("Big drop", late.GetProperty("content").GetString());
        Assert.Equal(late.GetProperty("id").GetInt32(), nested.GetProperty("parentCommentId").GetInt32());
        Assert.Equal(20.5, nested.GetProperty("timestamp").GetDouble());
        var list = await (await site.CreateClient().GetAsync($"/api/music/tracks/{trackId}/comments")).JsonAsync();
        var threads = list.GetProperty("data").EnumerateArray().ToList();
        Assert.Equal([early.GetProperty("id").GetInt32(), late.GetProperty("id").GetInt32()], threads.Select(t => t.GetProperty("id").GetInt32()));
        Assert.Equal(["Thanks!", "Agreed"], threads[1].GetProperty("replies").EnumerateArray().Select(r => r.GetProperty("content").GetString()));
        Assert.Equal(2, list.GetProperty("meta").GetProperty("total").GetInt32());
        Assert.Equal(4, await site.WithDbAsync(db => db.Tracks.Where(t => t.Id == trackId).Select(t => t.CommentCount).SingleAsync()));
        var paged = await (await site.CreateClient().GetAsync($"/api/music/tracks/{trackId}/comments?limit=1&page=2")).JsonAsync();
        Assert.Equal(late.GetProperty("id").GetInt32(), paged.GetProperty("data")[0].GetProperty("id").GetInt32());
    }

    [Fact]
    public async Task Notifications_ToOwnerAndAnsweredAuthor_NeverHoldTheText()
    {
        var (owner, fan, other) = (await UserAsync(), await UserAsync(), await UserAsync());
        var trackId = await TrackAsync(owner);

        var comment = await PostAsync(fan, $"/api/music/tracks/{trackId}/comments", new { content = "secret words here", timestamp = 65 / 5 });
        await PostAsync(other, $"/api/comments/{comment.GetProperty("id").GetInt32()}/replies", new { content = "other secret" });

        var received = await site.WithDbAsync(db => db.Notifications.Where(n => n.UserId == owner.Id || n.UserId == fan.Id)
            .Select(n => new { n.UserId, n.Kind, n.Text, n.Link }).ToListAsync());
        Assert.Contains(received, n => n.UserId == owner.Id && n.Kind == NotificationKind.CommentReceived && n.Text.Contains("0:13"));
        Assert.Contains(received, n => n.UserId == fan.Id && n.Kind == NotificationKind.ReplyReceived);
        Assert.Equal(2, received.Count);
        Assert.All(received, n => Assert.DoesNotContain("secret", n.Text));
        Assert.All(received, n => Assert.Equal($"/tracks/{trackId}#comments", n.Link));
    }

    [Theory]
    [InlineData("""{"content":"x","timestamp":30.001}""", "timestamp")]
    [InlineData("""{"content":"x","timestamp":-1}""", "timestamp")]
    [InlineData("""{"content":"x","timestamp":"12"}""", "timestamp")]
    [InlineData("""{"content":"x"}""", "timestamp")]
    [InlineData("""{"content":"   ","timestamp":1}""", "content")]
    [InlineData("""{"content":"a\u0000b","timestamp":1}""", "content")]
    [InlineData("""{"content":"a\u202Eb","timestamp":1}""", "content")]
    [InlineData("""{"content":12,"timestamp":1}""", "content")]
    public async Task Post_BadInput_Answers400WithFieldError(string json, string field)
    {
        var (owner, fan) = (await UserAsync(), await UserAsync());
        var trackId = await TrackAsync(owner);

        var response = await fan.Client.PostAsync($"/api/music/tracks/{trackId}/comments",
            new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        var problem = await response.ProblemAsync(400, "VALIDATION_FAILED");
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task Post_AtTheEndAndLongestText_IsAccepted()
    {
        var (owner, fan) = (await UserAsync(), await UserAsync());
        var trackId = await TrackAsync(owner);

        await PostAsync(fan, $"/api/music/tracks/{trackId}/comments", new { content = new string('a', 1000), timestamp = 30 });
        var tooLong = await fan.Client.PostAsJsonAsync($"/api/music/tracks/{trackId}/comments", new { content = new string('a', 1001), timestamp = 1 });

        await tooLong.ProblemAsync(400, "VALIDATION_FAILED");
    }

    [Fact]
    public async Task EditAndDelete_OnlyAuthorEditsAndAuthorOrTrackOwnerDeletes()
    {
        var (owner, fan, other) = (await UserAsync(), await UserAsync(), await UserAsync());
        var trackId = await TrackAsync(owner);
        var comment = await PostAsync(fan, $"/api/music/tracks/{trackId}/comments", new { content = "first", timestamp = 5 });
        var id = comment.GetProperty("id").GetInt32();
        await PostAsync(other, $"/api/comments/{id}/replies", new { content = "reply" });

        await (await other.Client.PutAsJsonAsync($"/api/comments/{id}", new { content = "hijack" })).ProblemAsync(403, "UNAUTHORIZED_ACCESS");
        await (await owner.Client.PutAsJsonAsync($"/api/comments/{id}", new { content = "owner edit" })).ProblemAsync(403, "UNAUTHORIZED_ACCESS");
        await (await fan.Client.PutAsJsonAsync($"/api/comments/{id}", new { content = "x", timestamp = 31 })).ProblemAsync(400, "VALIDATION_FAILED");
        var edited = await (await fan.Client.PutAsJsonAsync($"/api/comments/{id}", new { content = "second", timestamp = 7 })).JsonAsync();
        Assert.Equal("second", edited.GetProperty("content").GetString());
        Assert.Equal(7, edited.GetProperty("replies")[0].GetProperty("timestamp").GetDouble());
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, edited.GetProperty("editedAt").ValueKind);

        await (await other.Client.DeleteAsync($"/api/comments/{id}")).ProblemAsync(403, "UNAUTHORIZED_ACCESS");
        Assert.Equal(204, (int)(await owner.Client.DeleteAsync($"/api/comments/{id}")).StatusCode);

        Assert.Equal(0, await site.WithDbAsync(db => db.TrackComments.CountAsync(c => c.TrackId == trackId)));
        Assert.Equal(0, await site.WithDbAsync(db => db.Tracks.Where(t => t.Id == trackId).Select(t => t.CommentCount).SingleAsync()));
        Assert.Equal(1, await site.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "comment.delete" && a.EntityId == id.ToString())));
        await (await fan.Client.DeleteAsync($"/api/comments/{id}")).ProblemAsync(404, "COMMENT_NOT_FOUND");
    }

    [Fact]
    public async Task PrivateTrack_IsNotFoundToOthers_AndSeenByItsOwner()
    {
        var (owner, other) = (await UserAsync(), await UserAsync());
        var trackId = await TrackAsync(owner, isPublic: false);
        var mine = await PostAsync(owner, $"/api/music/tracks/{trackId}/comments", new { content = "note to self", timestamp = 1 });
        var id = mine.GetProperty("id").GetInt32();

        await (await other.Client.GetAsync($"/api/music/tracks/{trackId}/comments")).ProblemAsync(404, "TRACK_NOT_FOUND");
        await (await site.CreateClient().GetAsync($"/api/music/tracks/{trackId}/comments")).ProblemAsync(404, "TRACK_NOT_FOUND");
        await (await other.Client.PostAsJsonAsync($"/api/music/tracks/{trackId}/comments", new { content = "x", timestamp = 1 }))
            .ProblemAsync(404, "TRACK_NOT_FOUND");
        await (await other.Client.PostAsJsonAsync($"/api/comments/{id}/replies", new { content = "x" })).ProblemAsync(404, "COMMENT_NOT_FOUND");
        await (await other.Client.DeleteAsync($"/api/comments/{id}")).ProblemAsync(404, "COMMENT_NOT_FOUND");
        var list = await (await owner.Client.GetAsync($"/api/music/tracks/{trackId}/comments")).JsonAsync();
        Assert.Equal(1, list.GetProperty("meta").GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Unknown_AnswersNotFound()
    {
        var user = await UserAsync();

        await (await site.CreateClient().GetAsync("/api/music/tracks/999999/comments")).ProblemAsync(404, "TRACK_NOT_FOUND");
        await (await user.Client.PostAsJsonAsync("/api/comments/999999/replies", new { content = "x" })).ProblemAsync(404, "COMMENT_NOT_FOUND");
        await (await user.Client.PutAsJsonAsync("/api/comments/999999", new { content = "x" })).ProblemAsync(404, "COMMENT_NOT_FOUND");
    }
}
