using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using MusicSite.Catalog;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Tracks;

[Trait("Category", "Slow")]
public sealed class EditDeleteTests(MusicSiteFactory site) : IClassFixture<MusicSiteFactory>, IDisposable
{
    private readonly TempDirectory _files = new("musicsite-edit");

    private async Task<(HttpClient Owner, int Id)> ReadyTrackAsync(params (string, string)[] fields)
    {
        var owner = await site.ArtistClientAsync();
        var id = (await owner.UploadAsync(MediaFixtures.Audio(_files.Path, "mp3", 2), fields)).GetProperty("id").GetInt32();
        await owner.WaitForProcessingAsync(id);
        return (owner, id);
    }

    [Fact]
    public async Task Put_ChangesOnlyTheGivenFields_ClearsNulls_AndLogsEachChange()
    {
        var (owner, id) = await ReadyTrackAsync(("title", "Before"), ("key", "Am"), ("bpm", "100"), ("tags", "one, two"), ("genres", "house"));

        var response = await owner.PutAsJsonAsync($"/api/music/tracks/{id}",
            new { title = "After", key = (string?)null, tags = new[] { "two", "three" }, isDownloadable = true });

        Assert.Equal(200, (int)response.StatusCode);
        var track = await response.JsonAsync();
        Assert.Equal("After", track.GetProperty("title").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, track.GetProperty("key").ValueKind);
        Assert.Equal(100, track.GetProperty("bpm").GetInt32());
        Assert.Equal(["three", "two"], track.GetProperty("tags").EnumerateArray().Select(t => t.GetString()!));
        Assert.Equal("house", track.GetProperty("genres")[0].GetProperty("slug").GetString());
        Assert.True(track.GetProperty("isDownloadable").GetBoolean());

        var changes = await site.WithDbAsync(db => db.TrackChanges.Where(c => c.TrackId == id).ToListAsync());
        Assert.Equal(["isDownloadable", "key", "tags", "title"], changes.Select(c => c.Field).Order());
        var title = changes.Single(c => c.Field == "title");
        Assert.Equal(("Before", "After"), (title.OldValue, title.NewValue));

        var found = await (await site.CreateClient().GetAsync("/api/music/tracks?search=after&limit=100")).JsonAsync();
        Assert.Contains(found.GetProperty("data").EnumerateArray(), t => t.GetProperty("id").GetInt32() == id);
    }

    [Fact]
    public async Task Put_ByOthers_Is403ForPublic_404ForPrivate_401Anonymous_AndBadFieldsAre400()
    {
        var (owner, id) = await ReadyTrackAsync();
        var (_, privateId) = await ReadyTrackAsync(("isPublic", "false"));
        var stranger = await site.ArtistClientAsync();

        await (await stranger.PutAsJsonAsync($"/api/music/tracks/{id}", new { title = "Mine now" })).ProblemAsync(403, "UNAUTHORIZED_ACCESS");
        await (await stranger.PutAsJsonAsync($"/api/music/tracks/{privateId}", new { title = "x" })).ProblemAsync(404, "TRACK_NOT_FOUND");
        await (await site.CreateClient().PutAsJsonAsync($"/api/music/tracks/{id}", new { title = "x" })).ProblemAsync(401, "UNAUTHORIZED");
        await (await stranger.DeleteAsync($"/api/music/tracks/{id}")).ProblemAsync(403, "UNAUTHORIZED_ACCESS");

        var bad = await (await owner.PutAsJsonAsync($"/api/music/tracks/{id}", new { title = "", bpm = 999, key = "Z" })).ProblemAsync(400, "INVALID_METADATA");
        Assert.True(bad.GetProperty("errors").TryGetProperty("title", out _));
        Assert.True(bad.GetProperty("errors").TryGetProperty("bpm", out _));
        Assert.True(bad.GetProperty("errors").TryGetProperty("key", out _));
        Assert.Equal(0, await site.WithDbAsync(db => db.TrackChanges.CountAsync(c => c.TrackId == id)));
    }

    [Fact]
    public async Task Put_WhileProcessing_IsTrackProcessing()
    {
        var (owner, id) = await ReadyTrackAsync();
        await site.WithDbAsync(async db =>
        {
            var track = await db.Tracks.SingleAsync(t => t.Id == id);
            track.State = TrackState.Processing;
            return await db.SaveChangesAsync();
        });

        await (await owner.PutAsJsonAsync($"/api/music/tracks/{id}", new { title = "Racing the job" })).ProblemAsync(422, "TRACK_PROCESSING");
    }

    [Fact]
    public async Task Delete_HidesTheTrackAtOnce_RemovesItsFiles_AndKeepsAnonymisedPlays()
    {
        var (owner, id) = await ReadyTrackAsync(("title", "Going Away"));
        await owner.PostAsJsonAsync($"/api/music/tracks/{id}/plays", new { seconds = 30 });
        var folder = await site.WithDbAsync(db => db.Tracks.Where(t => t.Id == id).Select(t => t.MediaFolder).SingleAsync());
        var dir = Path.Combine(site.DataDirectory, "media", "tracks", folder);
        Assert.True(Directory.Exists(dir));

        Assert.Equal(204, (int)(await owner.DeleteAsync($"/api/music/tracks/{id}")).StatusCode);

        // Deleted is not missing: gone (410), not "never existed" (404).
        await (await owner.GetAsync($"/api/music/tracks/{id}")).ProblemAsync(410, "TRACK_DELETED");
        await (await owner.GetAsync($"/api/music/stream/{id}")).ProblemAsync(410, "TRACK_DELETED");
        var list = await (await site.CreateClient().GetAsync("/api/music/tracks?search=going&limit=100")).JsonAsync();
        Assert.DoesNotContain(list.GetProperty("data").EnumerateArray(), t => t.GetProperty("id").GetInt32() == id);
        await Eventually.True($"the cleanup job to remove {dir}", () => !Directory.Exists(dir), TimeSpan.FromSeconds(30));
        var plays = await site.WithDbAsync(db => db.PlayEvents.Where(p => p.TrackId == id).ToListAsync());
        Assert.Single(plays);
        Assert.Null(plays[0].UserId);
        Assert.Equal(1, await site.WithDbAsync(db => db.Tracks.Where(t => t.Id == id).Select(t => t.PlayCount).SingleAsync()));
    }

    public void Dispose() => _files.Dispose();
}
