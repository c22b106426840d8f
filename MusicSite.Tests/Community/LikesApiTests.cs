using System.Text.Json;
using MusicSite.Catalog;
using MusicSite.Tests.Artists;
using MusicSite.Tests.Infrastructure;
using MusicSite.Tests.Notifications;

namespace MusicSite.Tests.Community;

/// <summary>PUT/DELETE /api/music/tracks/{id}/like and GET /api/me/likes; the track JSON's stats carry likes,
/// comments and (signed in) liked; sorting by likes orders by hearts.</summary>
public sealed class LikesApiTests(MusicSiteFactory site) : IClassFixture<MusicSiteFactory>
{
    private async Task<(HttpClient Client, int UserId)> UserAsync()
    {
        var email = $"heart-{Guid.NewGuid():N}@example.com";
        var client = await site.SignedInClientAsync(email);
        return (client, await site.UserIdAsync(email));
    }

    private async Task<int> TrackAsync(bool isPublic = true)
    {
        var artist = await ArtistRows.UserAsync(site.Services, "Hearted " + ArtistRows.Token());
        return await ArtistRows.TrackAsync(site.Services, artist, "Heart " + ArtistRows.Token(), isPublic);
    }

    [Theory]
    [InlineData("PUT", "/api/music/tracks/1/like")]
    [InlineData("DELETE", "/api/music/tracks/1/like")]
    [InlineData("GET", "/api/me/likes")]
    [InlineData("PUT", "/api/artists/1/follow")]
    [InlineData("DELETE", "/api/artists/1/follow")]
    [InlineData("GET", "/api/me/feed")]
    public async Task Route_Anonymous_Answers401(string method, string path)
    {
        var response = await site.CreateClient().SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        await response.ProblemAsync(401, "UNAUTHORIZED");
    }

    [Fact]
    public async Task Like_ThenAgain_ThenUnlike_AnswersStateAndCount()
    {
        var (client, _) = await UserAsync();
        var track = await TrackAsync();

        var liked = await (await client.PutAsync($"/api/music/tracks/{track}/like", null)).JsonAsync();
        var again = await (await client.PutAsync($"/api/music/tracks/{track}/like", null)).JsonAsync();
        var unliked = await (await client.DeleteAsync($"/api/music/tracks/{track}/like")).JsonAsync();

        Assert.Equal((track, true, 1), Read(liked));
        Assert.Equal((track, true, 1), Read(again));
        Assert.Equal((track, false, 0), Read(unliked));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("2147483648")]
    [InlineData("-1")]
    public async Task Like_IdNotANumber_Answers404(string id)
    {
        var (client, _) = await UserAsync();

        var response = await client.PutAsync($"/api/music/tracks/{id}/like", null);

        Assert.Equal(404, (int)response.StatusCode);
    }

    [Fact]
    public async Task Like_UnknownOrSomeoneElsesPrivateTrack_IsTrackNotFound()
    {
        var (client, _) = await UserAsync();
        var hidden = await TrackAsync(isPublic: false);

        await (await client.PutAsync("/api/music/tracks/999999/like", null)).ProblemAsync(404, "TRACK_NOT_FOUND");
        await (await client.PutAsync($"/api/music/tracks/{hidden}/like", null)).ProblemAsync(404, "TRACK_NOT_FOUND");
        await (await client.DeleteAsync($"/api/music/tracks/{hidden}/like")).ProblemAsync(404, "TRACK_NOT_FOUND");
    }

    [Fact]
    public async Task TrackJson_Stats_HaveLikesCommentsAndLikedForTheCaller()
    {
        var (client, _) = await UserAsync();
        var track = await TrackAsync();
        await client.PutAsync($"/api/music/tracks/{track}/like", null);

        var mine = (await (await client.GetAsync($"/api/music/tracks/{track}")).JsonAsync()).GetProperty("stats");
        var anonymous = (await (await site.CreateClient().GetAsync($"/api/music/tracks/{track}")).JsonAsync()).GetProperty("stats");

        Assert.Equal(1, mine.GetProperty("likes").GetInt32());
        Assert.Equal(0, mine.GetProperty("comments").GetInt32());
        Assert.True(mine.GetProperty("liked").GetBoolean());
        Assert.Equal(1, anonymous.GetProperty("likes").GetInt32());
        Assert.False(anonymous.TryGetProperty("liked", out _));
    }

    [Fact]
    public async Task TrackList_SortByLikes_PutsTheMostLikedFirst()
    {
        var artist = await ArtistRows.UserAsync(site.Services, "Sorted " + ArtistRows.Token());
        var one = await ArtistRows.TrackAsync(site.Services, artist, "One like");
        var three = await ArtistRows.TrackAsync(site.Services, artist, "Three likes");
        var none = await ArtistRows.TrackAsync(site.Services, artist, "No likes");
        for (var i = 0; i < 3; i++)
        {
            var (client, _) = await UserAsync();
            await client.PutAsync($"/api/music/tracks/{three}/like", null);
            if (i == 0)
            {
                await client.PutAsync($"/api/music/tracks/{one}/like", null);
            }
        }

        var list = await (await site.CreateClient().GetAsync($"/api/music/tracks?uploader_id={artist}&sort=likes&order=desc")).JsonAsync();

        var rows = list.GetProperty("data").EnumerateArray().Select(t => (t.GetProperty("id").GetInt32(), t.GetProperty("stats").GetProperty("likes").GetInt32()));
        Assert.Equal([(three, 3), (one, 1), (none, 0)], rows);
    }

    [Fact]
    public async Task MyLikes_NewestFirstWithStats_PagedEnvelope()
    {
        var (client, _) = await UserAsync();
        var first = await TrackAsync();
        var second = await TrackAsync();
        await client.PutAsync($"/api/music/tracks/{first}/like", null);
        await client.PutAsync($"/api/music/tracks/{second}/like", null);

        var page = await (await client.GetAsync("/api/me/likes?limit=1")).JsonAsync();

        var only = Assert.Single(page.GetProperty("data").EnumerateArray());
        Assert.Contains(only.GetProperty("id").GetInt32(), new[] { first, second });
        Assert.True(only.GetProperty("stats").GetProperty("liked").GetBoolean());
        Assert.Equal(2, page.GetProperty("meta").GetProperty("total").GetInt32());
        Assert.True(page.GetProperty("meta").GetProperty("hasNext").GetBoolean());
    }

    [Theory]
    [InlineData("/api/me/likes?limit=0")]
    [InlineData("/api/me/likes?page=0")]
    [InlineData("/api/me/feed?limit=101")]
    public async Task List_BadPaging_Answers400(string path)
    {
        var (client, _) = await UserAsync();

        await (await client.GetAsync(path)).ProblemAsync(400, "VALIDATION_FAILED");
    }

    private static (int, bool, int) Read(JsonElement state) =>
        (state.GetProperty("trackId").GetInt32(), state.GetProperty("liked").GetBoolean(), state.GetProperty("likes").GetInt32());
}
