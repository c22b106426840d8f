using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using MusicSite.Community;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Community;

/// <summary>/api/ratings: every route, its bad input, who may do what, and one rating per listener under
/// concurrent posts.</summary>
public sealed class RatingsApiTests(MusicSiteFactory site) : IClassFixture<MusicSiteFactory>
{
    private static string Email(string who) => $"{who}-{Guid.NewGuid():N}@example.com";

    private Task<int> TrackAsync(bool isPublic = true, string? uploaderEmail = null) =>
        TestCatalog.AddReadyTrackAsync(site.Services, "Rated on the API", seconds: 1, isPublic: isPublic, uploaderEmail: uploaderEmail);

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Theory]
    [InlineData("POST", "/api/ratings/track/1")]
    [InlineData("PUT", "/api/ratings/track/1")]
    [InlineData("DELETE", "/api/ratings/track/1")]
    [InlineData("GET", "/api/ratings/user")]
    public async Task Route_Anonymous_Answers401(string method, string path)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = method is "POST" or "PUT" ? Json("""{"score":3}""") : null };

        await (await site.CreateClient().SendAsync(request)).ProblemAsync(401, "UNAUTHORIZED");
    }

    [Theory]
    [InlineData("""{"score":0}""")]
    [InlineData("""{"score":6}""")]
    [InlineData("""{"score":2.5}""")]
    [InlineData("""{"score":"text"}""")]
    [InlineData("""{"score":"4"}""")]
    [InlineData("""{"score":true}""")]
    [InlineData("""{"score":null}""")]
    [InlineData("""{"review":"no score"}""")]
    [InlineData("""{"score":99999999999999999999}""")]
    public async Task Post_BadScore_Answers400WithAFieldErrorOnScore(string body)
    {
        var client = await site.SignedInClientAsync(Email("bad-score"));
        var track = await TrackAsync();

        foreach (var method in new[] { HttpMethod.Post, HttpMethod.Put })
        {
            var problem = await (await client.SendAsync(new HttpRequestMessage(method, $"/api/ratings/track/{track}") { Content = Json(body) }))
                .ProblemAsync(400, "VALIDATION_FAILED");
            Assert.Equal(Ratings.ScoreMessage, problem.GetProperty("errors").GetProperty("score")[0].GetString());
        }
        Assert.Equal(0, await site.WithDbAsync(db => db.Ratings.CountAsync(r => r.TrackId == track)));
    }

    [Theory]
    [InlineData("""{"score":3,"review":5}""", "review")]
    [InlineData("""{"score":3,"review":"line\u0000break"}""", "review")]
    [InlineData("""[3]""", "body")]
    [InlineData("""3""", "body")]
    public async Task Post_BadBody_Answers400WithTheField(string body, string field)
    {
        var client = await site.SignedInClientAsync(Email("bad-body"));

        var problem = await (await client.PostAsync($"/api/ratings/track/{await TrackAsync()}", Json(body))).ProblemAsync(400, "VALIDATION_FAILED");

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task Post_UnreadableJson_Answers400()
    {
        var client = await site.SignedInClientAsync(Email("broken"));

        await (await client.PostAsync($"/api/ratings/track/{await TrackAsync()}", Json("{\"score\":"))).ProblemAsync(400, "VALIDATION_FAILED");
    }

    [Fact]
    public async Task Post_ReviewTooLong_Answers400OnReview()
    {
        var client = await site.SignedInClientAsync(Email("long"));

        var response = await client.PostAsJsonAsync($"/api/ratings/track/{await TrackAsync()}", new { score = 3, review = new string('x', 2001) });

        var problem = await response.ProblemAsync(400, "VALIDATION_FAILED");
        Assert.Equal(Ratings.ReviewLengthMessage, problem.GetProperty("errors").GetProperty("review")[0].GetString());
    }

    [Fact]
    public async Task Routes_RateChangeListAndDelete_AnswerAsDescribed()
    {
        var client = await site.SignedInClientAsync(Email("rater"));
        var track = await TrackAsync();

        var created = await client.PostAsJsonAsync($"/api/ratings/track/{track}", new { score = 4, review = "  Warm and slow.  " });
        var again = await client.PostAsJsonAsync($"/api/ratings/track/{track}", new { score = 1 });
        var changed = await client.PutAsJsonAsync($"/api/ratings/track/{track}", new { score = 5, review = "Even better." });
        var list = await (await site.CreateClient().GetAsync($"/api/ratings/track/{track}")).JsonAsync();
        var mine = await (await client.GetAsync("/api/ratings/user")).JsonAsync();
        var deleted = await client.DeleteAsync($"/api/ratings/track/{track}");
        var deletedAgain = await client.DeleteAsync($"/api/ratings/track/{track}");
        var putMissing = await client.PutAsJsonAsync($"/api/ratings/track/{track}", new { score = 2 });
        var emptyList = await (await site.CreateClient().GetAsync($"/api/ratings/track/{track}")).JsonAsync();

        Assert.Equal(201, (int)created.StatusCode);
        Assert.Equal($"/api/ratings/track/{track}", created.Headers.Location?.OriginalString);
        Assert.Equal("Warm and slow.", (await created.JsonAsync()).GetProperty("review").GetString());
        await again.ProblemAsync(409, "RATING_EXISTS");
        Assert.Equal(200, (int)changed.StatusCode);
        Assert.Equal(5, (await changed.JsonAsync()).GetProperty("score").GetInt32());
        var summary = list.GetProperty("summary");
        Assert.Equal(5.0, summary.GetProperty("average").GetDouble());
        Assert.Equal(1, summary.GetProperty("count").GetInt32());
        Assert.Equal([0, 0, 0, 0, 1], summary.GetProperty("distribution").EnumerateArray().Select(b => b.GetProperty("count").GetInt32()));
        Assert.Equal("Even better.", list.GetProperty("data")[0].GetProperty("review").GetString());
        Assert.Equal(1, list.GetProperty("meta").GetProperty("total").GetInt32());
        Assert.Equal(track, mine.GetProperty("data")[0].GetProperty("track").GetProperty("id").GetInt32());
        Assert.Equal(204, (int)deleted.StatusCode);
        await deletedAgain.ProblemAsync(404, "RATING_NOT_FOUND");
        await putMissing.ProblemAsync(404, "RATING_NOT_FOUND");
        Assert.Equal(JsonValueKindNull, emptyList.GetProperty("summary").GetProperty("average").ValueKind);
        Assert.Equal(0, emptyList.GetProperty("data").GetArrayLength());
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;

    [Fact]
    public async Task Post_TenAtOnceBySameListener_LeavesOneRatingAndAnswersTheRest409()
    {
        var client = await site.SignedInClientAsync(Email("eager"));
        var track = await TrackAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ =>
            client.PostAsync($"/api/ratings/track/{track}", Json("""{"score":4,"review":"once"}"""))));

        Assert.Single(responses, r => (int)r.StatusCode == 201);
        foreach (var response in responses.Where(r => (int)r.StatusCode != 201))
        {
            await response.ProblemAsync(409, "RATING_EXISTS");
        }
        Assert.Equal(1, await site.WithDbAsync(db => db.Ratings.CountAsync(r => r.TrackId == track)));
    }

    [Fact]
    public async Task Post_OwnTrack_Answers403OwnTrackWithTheReason()
    {
        var email = Email("artist");
        var client = await site.SignedInClientAsync(email);
        var track = await TrackAsync(uploaderEmail: email);

        var problem = await (await client.PostAsJsonAsync($"/api/ratings/track/{track}", new { score = 5 })).ProblemAsync(403, "OWN_TRACK");

        Assert.Equal(Ratings.OwnTrackMessage, problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Routes_PrivateTrackOfAnother_Answer404TrackNotFound()
    {
        var client = await site.SignedInClientAsync(Email("outsider"));
        var track = await TrackAsync(isPublic: false);

        await (await client.GetAsync($"/api/ratings/track/{track}")).ProblemAsync(404, "TRACK_NOT_FOUND");
        await (await client.PostAsJsonAsync($"/api/ratings/track/{track}", new { score = 3 })).ProblemAsync(404, "TRACK_NOT_FOUND");
        await (await client.PutAsJsonAsync($"/api/ratings/track/{track}", new { score = 3 })).ProblemAsync(404, "TRACK_NOT_FOUND");
        await (await client.DeleteAsync($"/api/ratings/track/{track}")).ProblemAsync(404, "TRACK_NOT_FOUND");
        await (await site.CreateClient().GetAsync("/api/ratings/track/999999")).ProblemAsync(404, "TRACK_NOT_FOUND");
    }

    [Theory]
    [InlineData("?limit=0")]
    [InlineData("?limit=101")]
    [InlineData("?page=0")]
    public async Task Lists_BadPaging_Answer400(string query)
    {
        var client = await site.SignedInClientAsync(Email("pager"));

        await (await client.GetAsync($"/api/ratings/track/{await TrackAsync()}{query}")).ProblemAsync(400, "VALIDATION_FAILED");
        await (await client.GetAsync($"/api/ratings/user{query}")).ProblemAsync(400, "VALIDATION_FAILED");
    }

    [Fact]
    public async Task List_ReviewsTrue_KeepsRatingsWithTextPagedNewestFirst()
    {
        var track = await TrackAsync();
        foreach (var (who, body) in new[] { ("a", """{"score":2,"review":"older"}"""), ("b", """{"score":3}"""), ("c", """{"score":4,"review":"newer"}""") })
        {
            var client = await site.SignedInClientAsync(Email(who));
            Assert.Equal(201, (int)(await client.PostAsync($"/api/ratings/track/{track}", Json(body))).StatusCode);
        }

        var reviews = await (await site.CreateClient().GetAsync($"/api/ratings/track/{track}?reviews=true&limit=1")).JsonAsync();
        var all = await (await site.CreateClient().GetAsync($"/api/ratings/track/{track}")).JsonAsync();

        Assert.Equal("newer", reviews.GetProperty("data")[0].GetProperty("review").GetString());
        Assert.Equal(2, reviews.GetProperty("meta").GetProperty("total").GetInt32());
        Assert.True(reviews.GetProperty("meta").GetProperty("hasNext").GetBoolean());
        Assert.Equal(3, all.GetProperty("summary").GetProperty("count").GetInt32());
        Assert.Equal(3.0, all.GetProperty("summary").GetProperty("average").GetDouble());
    }
}
