using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Tracks;

[Trait("Category", "Slow")]
public sealed class ReprocessTests : IDisposable
{
    private readonly MusicSiteFactory _site = new MusicSiteFactory().WithAdmin();
    private readonly TempDirectory _files = new("musicsite-reprocess");

    [Fact]
    public async Task Admin_RunsProcessingAgain_OthersMayNot()
    {
        var artist = await _site.ArtistClientAsync();
        var id = (await artist.UploadAsync(MediaFixtures.Audio(_files.Path, "mp3", 2))).GetProperty("id").GetInt32();
        var first = await artist.WaitForProcessingAsync(id);
        Assert.Equal(1, first.GetProperty("processing").GetProperty("attempts").GetInt32());

        await (await artist.PostAsync($"/api/music/tracks/{id}/reprocess", null)).ProblemAsync(403, "UNAUTHORIZED_ACCESS");

        var admin = await _site.AdminClientAsync();
        var accepted = await admin.PostAsync($"/api/music/tracks/{id}/reprocess", null);
        Assert.Equal(202, (int)accepted.StatusCode);

        // Back through the whole pipeline: attempts start again from one, and the track is ready once more.
        var again = await Eventually.Until($"track {id} to be processed again",
            async () => await (await admin.GetAsync($"/api/music/tracks/{id}")).JsonAsync(),
            track => track.GetProperty("updatedAt").GetDateTime() > first.GetProperty("updatedAt").GetDateTime()
                     && track.GetProperty("processing").GetProperty("state").GetString() == "ready",
            describe: track => $"updatedAt {track.GetProperty("updatedAt")}, processing {track.GetProperty("processing").GetRawText()}");
        Assert.Equal(1, again.GetProperty("processing").GetProperty("attempts").GetInt32());
        await (await admin.PostAsync("/api/music/tracks/999999/reprocess", null)).ProblemAsync(404, "TRACK_NOT_FOUND");
    }

    public void Dispose()
    {
        _site.Dispose();
        _files.Dispose();
    }
}
