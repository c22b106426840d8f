using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Albums;

[Trait("Category", "Slow")]
public sealed class AlbumTests(MusicSiteFactory site) : IClassFixture<MusicSiteFactory>, IDisposable
{
    private readonly TempDirectory _files = new("musicsite-album");

    private async Task<int> CreateAlbumAsync(HttpClient client, string title, bool withArtwork = false)
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent(title), "title" },
            { new StringContent("2025-06-01"), "releaseDate" },
            { new StringContent("house"), "genres" },
        };
        if (withArtwork)
        {
            form.Add(new StreamContent(File.OpenRead(MediaFixtures.Image(_files.Path, "png", 900, 700))), "artwork", "cover.png");
        }
        var response = await client.PostAsync("/api/music/albums", form);
        Assert.Equal(201, (int)response.StatusCode);
        return (await response.JsonAsync()).GetProperty("id").GetInt32();
    }

    [Fact]
    public async Task Album_WithArtworkAndTracks_ListsThemInOrder_WithTotalLengthAndCredits()
    {
        var artist = await site.ArtistClientAsync();
        var albumId = await CreateAlbumAsync(artist, "Night Shift", withArtwork: true);
        var second = (await artist.UploadAsync(MediaFixtures.Audio(_files.Path, "mp3", 3), ("title", "Second"), ("albumId", albumId.ToString()),
            ("trackNumber", "2"), ("license", "cc-by"))).GetProperty("id").GetInt32();
        var first = (await artist.UploadAsync(MediaFixtures.Audio(_files.Path, "mp3", 2), ("title", "First"), ("albumId", albumId.ToString()),
            ("trackNumber", "1"), ("artist", "Guest Singer"), ("license", "cc0"))).GetProperty("id").GetInt32();
        await artist.WaitForProcessingAsync(second);
        await artist.WaitForProcessingAsync(first);

        var album = await (await site.CreateClient().GetAsync($"/api/music/albums/{albumId}")).JsonAsync();

        Assert.Equal([first, second], album.GetProperty("tracks").EnumerateArray().Select(t => t.GetProperty("id").GetInt32()));
        Assert.InRange(album.GetProperty("totalSeconds").GetDouble(), 4.9, 5.3);
        Assert.Contains("Guest Singer", album.GetProperty("artists").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(["CC BY", "CC0"], album.GetProperty("licenses").EnumerateArray().Select(a => a.GetString()!));
        Assert.Equal("2025-06-01", album.GetProperty("releaseDate").GetString());
        foreach (var size in new[] { 600, 200 })
        {
            var path = Path.Combine(_files.Path, $"cover-{size}.jpg");
            await File.WriteAllBytesAsync(path, await site.CreateClient().GetByteArrayAsync($"/api/music/albums/{albumId}/artwork?size={size}"));
            Assert.Contains($"width={size}", MediaFixtures.Probe(path, "stream=width,height"));
        }

        var list = await (await site.CreateClient().GetAsync("/api/music/albums?limit=100")).JsonAsync();
        var listed = list.GetProperty("data").EnumerateArray().Single(a => a.GetProperty("id").GetInt32() == albumId);
        Assert.Equal(2, listed.GetProperty("trackCount").GetInt32());

        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await site.CreateClient().GetStringAsync($"/albums/{albumId}"));
        Assert.Equal(["First", "Second"], page.QuerySelectorAll("#album-tracks .track-title").Select(a => a.TextContent.Split(". ")[1]));
        Assert.Contains("2 tracks · 0:05", page.QuerySelector("[data-testid=album-summary]")!.TextContent);
        var m3u = await site.CreateClient().GetStringAsync(page.QuerySelector("a[data-play-all]")!.GetAttribute("href")!);
        Assert.StartsWith("#EXTM3U", m3u);
        Assert.Contains($"/api/music/stream/{first}", m3u);
        Assert.True(m3u.IndexOf($"/stream/{first}", StringComparison.Ordinal) < m3u.IndexOf($"/stream/{second}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task OnlyTheOwner_ChangesTheAlbum_OrPutsTracksOnIt()
    {
        var owner = await site.ArtistClientAsync();
        var albumId = await CreateAlbumAsync(owner, "Mine");
        var other = await site.ArtistClientAsync();
        var listener = await site.SignedInClientAsync($"listener-{Guid.NewGuid():N}@example.com");

        var upload = await other.PostAsync("/api/music/tracks",
            TrackUploads.Form(MediaFixtures.Audio(_files.Path, "mp3", 2), [("albumId", albumId.ToString())]));
        var problem = await upload.ProblemAsync(400, "INVALID_METADATA");
        Assert.True(problem.GetProperty("errors").TryGetProperty("albumId", out _));
        await (await other.PutAsJsonAsync($"/api/music/albums/{albumId}", new { title = "Stolen" })).ProblemAsync(403, "UNAUTHORIZED_ACCESS");
        await (await other.DeleteAsync($"/api/music/albums/{albumId}")).ProblemAsync(403, "UNAUTHORIZED_ACCESS");
        Assert.Equal(403, (int)(await listener.PostAsync("/api/music/albums", new MultipartFormDataContent { { new StringContent("x"), "title" } })).StatusCode);

        var bad = await owner.PutAsJsonAsync($"/api/music/albums/{albumId}", new { releaseDate = "June" });
        Assert.True((await bad.ProblemAsync(400, "INVALID_METADATA")).GetProperty("errors").TryGetProperty("releaseDate", out _));
        var renamed = await (await owner.PutAsJsonAsync($"/api/music/albums/{albumId}", new { title = "Mine, Renamed" })).JsonAsync();
        Assert.Equal("Mine, Renamed", renamed.GetProperty("title").GetString());
    }

    [Fact]
    public async Task DeletingAnAlbum_KeepsItsTracksAsSingles()
    {
        var owner = await site.ArtistClientAsync();
        var albumId = await CreateAlbumAsync(owner, "Short Lived");
        var track = (await owner.UploadAsync(MediaFixtures.Audio(_files.Path, "mp3", 2), ("albumId", albumId.ToString()))).GetProperty("id").GetInt32();

        Assert.Equal(204, (int)(await owner.DeleteAsync($"/api/music/albums/{albumId}")).StatusCode);

        await (await site.CreateClient().GetAsync($"/api/music/albums/{albumId}")).ProblemAsync(404, "ALBUM_NOT_FOUND");
        Assert.Null(await site.WithDbAsync(db => db.Tracks.Where(t => t.Id == track).Select(t => t.AlbumId).SingleAsync()));
    }

    public void Dispose() => _files.Dispose();
}
