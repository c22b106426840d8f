using MusicSite.Tests.Artists;
using MusicSite.Tests.Infrastructure;
using MusicSite.Tests.Notifications;

namespace MusicSite.Tests.Community;

/// <summary>PUT/DELETE /api/artists/{id}/follow and GET /api/me/feed; artist and uploader JSON carry followerCount.</summary>
public sealed class FollowsApiTests(MusicSiteFactory site) : IClassFixture<MusicSiteFactory>
{
    private async Task<(HttpClient Client, int UserId)> UserAsync()
    {
        var email = $"follow-{Guid.NewGuid():N}@example.com";
        var client = await site.SignedInClientAsync(email);
        return (client, await site.UserIdAsync(email));
    }

    private async Task<(int Artist, int Track)> ArtistAsync()
    {
        var artist = await ArtistRows.UserAsync(site.Services, "Followed " + ArtistRows.Token());
        return (artist, await ArtistRows.TrackAsync(site.Services, artist, "Published " + ArtistRows.Token()));
    }

    [Fact]
    public async Task Follow_ThenUnfollow_AnswersStateAndCount_AndJsonShowsFollowers()
    {
        var (client, _) = await UserAsync();
        var (artist, track) = await ArtistAsync();

        var followed = await (await client.PutAsync($"/api/artists/{artist}/follow", null)).JsonAsync();
        var artistJson = await (await site.CreateClient().GetAsync($"/api/artists/{artist}")).JsonAsync();
        var trackJson = await (await site.CreateClient().GetAsync($"/api/music/tracks/{track}")).JsonAsync();
        var unfollowed = await (await client.DeleteAsync($"/api/artists/{artist}/follow")).JsonAsync();

        Assert.Equal((artist, true, 1), (followed.GetProperty("artistId").GetInt32(), followed.GetProperty("following").GetBoolean(),
            followed.GetProperty("followerCount").GetInt32()));
        Assert.Equal(1, artistJson.GetProperty("followerCount").GetInt32());
        Assert.Equal(1, trackJson.GetProperty("uploader").GetProperty("followerCount").GetInt32());
        Assert.False(unfollowed.GetProperty("following").GetBoolean());
        Assert.Equal(0, unfollowed.GetProperty("followerCount").GetInt32());
    }

    [Fact]
    public async Task Follow_Yourself_Answers400WithAFieldError()
    {
        var email = $"self-{Guid.NewGuid():N}@example.com";
        var client = await site.SignedInClientAsync(email);
        var me = await site.UserIdAsync(email);
        await ArtistRows.TrackAsync(site.Services, me, "Mine");

        var problem = await (await client.PutAsync($"/api/artists/{me}/follow", null)).ProblemAsync(400, "VALIDATION_FAILED");

        Assert.True(problem.GetProperty("errors").TryGetProperty("artistId", out _));
    }

    [Fact]
    public async Task Follow_UnknownOrNotAnArtist_IsArtistNotFound()
    {
        var (client, _) = await UserAsync();
        var (_, listener) = await UserAsync();

        await (await client.PutAsync("/api/artists/999999/follow", null)).ProblemAsync(404, "ARTIST_NOT_FOUND");
        await (await client.PutAsync($"/api/artists/{listener}/follow", null)).ProblemAsync(404, "ARTIST_NOT_FOUND");
        Assert.Equal(404, (int)(await client.PutAsync("/api/artists/abc/follow", null)).StatusCode);
    }

    [Fact]
    public async Task Feed_FollowedArtistsTrack_IsTypedTrackWithStats()
    {
        var (client, _) = await UserAsync();
        var (artist, track) = await ArtistAsync();
        var album = await ArtistRows.AlbumAsync(site.Services, artist, "Feed album");
        await ArtistRows.TrackAsync(site.Services, artist, "On the feed album", albumId: album, createdAt: DateTime.UtcNow.AddDays(-1));
        await client.PutAsync($"/api/artists/{artist}/follow", null);

        var feed = await (await client.GetAsync("/api/me/feed")).JsonAsync();

        var items = feed.GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(3, feed.GetProperty("meta").GetProperty("total").GetInt32());
        var trackItem = items.Single(i => i.GetProperty("type").GetString() == "track" && i.GetProperty("track").GetProperty("id").GetInt32() == track);
        Assert.Equal(0, trackItem.GetProperty("track").GetProperty("stats").GetProperty("likes").GetInt32());
        var albumItem = items.Single(i => i.GetProperty("type").GetString() == "album");
        Assert.Equal(album, albumItem.GetProperty("album").GetProperty("id").GetInt32());
    }
}
