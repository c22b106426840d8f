using System.Net.Http.Headers;
using AngleSharp.Html.Parser;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Artwork;

/// <summary>
/// Covers through the API: every track and album answers an image (its artwork or its generated cover), the
/// owner replaces and removes artwork, a refused image changes nothing, and the addresses cache by version.
/// </summary>
[Trait("Category", "Slow")]
public sealed class ArtworkApiTests : IClassFixture<ArtworkApiTests.Site>, IDisposable
{
    /// <summary>A site with a small artwork cap, so "too large" needs no large file.</summary>
    public sealed class Site : MusicSiteFactory
    {
        public const long MaxArtworkBytes = 300_000;
        public Site() => Settings["Uploads:MaxArtworkBytes"] = MaxArtworkBytes.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private readonly Site _site;
    private readonly TempDirectory _files = new("musicsite-artwork");

    public ArtworkApiTests(Site site) => _site = site;

    [Fact]
    public async Task AlbumsPage_AlbumWithoutArtwork_EveryImageAddressAnswersAnImage()
    {
        var (artist, _) = await ArtistAsync();
        var created = await artist.PostAsync("/api/music/albums", new MultipartFormDataContent { { new StringContent("Coverless"), "title" } });
        Assert.Equal(201, (int)created.StatusCode);

        var page = new HtmlParser().ParseDocument(await _site.CreateClient().GetStringAsync("/albums"));
        var covers = page.QuerySelectorAll("article.album-card img").Select(i => i.GetAttribute("src")!).ToList();

        Assert.NotEmpty(covers);
        foreach (var src in covers)
        {
            var response = await _site.CreateClient().GetAsync(src);
            Assert.True(200 == (int)response.StatusCode, $"{src}: {(int)response.StatusCode}");
            Assert.StartsWith("image/", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task TrackArtwork_ReplacedByTheOwner_ServesBothSizes_ThenRemoved_ShowsTheGeneratedCover()
    {
        var (owner, email) = await ArtistAsync();
        var id = await TestCatalog.AddReadyTrackAsync(_site.Services, "Night Drive", seconds: 3, uploaderEmail: email);
        var anonymous = _site.CreateClient();

        var before = await anonymous.GetAsync($"/api/music/tracks/{id}/artwork");
        Assert.Equal(200, (int)before.StatusCode);
        Assert.Equal("image/svg+xml", before.Content.Headers.ContentType?.MediaType);

        var replaced = await owner.PutAsync($"/api/music/tracks/{id}/artwork", ImageForm(MediaFixtures.Image(_files.Path, "png", 900, 700)));
        Assert.Equal(200, (int)replaced.StatusCode);
        Assert.True((await replaced.JsonAsync()).GetProperty("hasArtwork").GetBoolean());
        Assert.Equal("600x600", await ImageSizeAsync(anonymous, $"/api/music/tracks/{id}/artwork"));
        Assert.Equal("200x200", await ImageSizeAsync(anonymous, $"/api/music/tracks/{id}/artwork?size=200"));
        var first = await ArtworkFoldersAsync(id);
        Assert.Single(first);

        Assert.Equal(200, (int)(await owner.PutAsync($"/api/music/tracks/{id}/artwork", ImageForm(MediaFixtures.Image(_files.Path, "jpg", 400, 400)))).StatusCode);
        var second = await ArtworkFoldersAsync(id);
        Assert.Single(second);
        Assert.NotEqual(first, second);

        Assert.Equal(204, (int)(await owner.DeleteAsync($"/api/music/tracks/{id}/artwork")).StatusCode);
        var after = await anonymous.GetAsync($"/api/music/tracks/{id}/artwork?size=200");
        Assert.Equal("image/svg+xml", after.Content.Headers.ContentType?.MediaType);
        Assert.Equal(await before.Content.ReadAsStringAsync(), await after.Content.ReadAsStringAsync());
        Assert.Empty(await ArtworkFoldersAsync(id));
        Assert.False((await (await anonymous.GetAsync($"/api/music/tracks/{id}")).JsonAsync()).GetProperty("hasArtwork").GetBoolean());
    }

    [Fact]
    public async Task TrackArtwork_RefusedImages_AnswerProblems_AndKeepTheOldArtwork()
    {
        var (owner, email) = await ArtistAsync();
        var id = await TestCatalog.AddReadyTrackAsync(_site.Services, "Kept Cover", seconds: 3, uploaderEmail: email);
        Assert.Equal(200, (int)(await owner.PutAsync($"/api/music/tracks/{id}/artwork", ImageForm(MediaFixtures.Image(_files.Path, "png", 500, 500)))).StatusCode);
        var kept = await _site.CreateClient().GetByteArrayAsync($"/api/music/tracks/{id}/artwork");
        var folders = await ArtworkFoldersAsync(id);

        var text = await owner.PutAsync($"/api/music/tracks/{id}/artwork", ImageForm(MediaFixtures.Text(_files.Path, "cover.png", "not an image")));
        var notImage = await text.ProblemAsync(415, "INVALID_IMAGE");
        Assert.Contains("JPEG, PNG or WebP", notImage.GetProperty("errors").GetProperty("artwork")[0].GetString());

        var wide = await owner.PutAsync($"/api/music/tracks/{id}/artwork", ImageForm(MediaFixtures.Image(_files.Path, "png", 10_001, 8)));
        var tooManyPixels = await wide.ProblemAsync(415, "INVALID_IMAGE");
        Assert.Contains("pixels", tooManyPixels.GetProperty("errors").GetProperty("artwork")[0].GetString());

        var big = new byte[Site.MaxArtworkBytes + 1000];
        new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }.CopyTo(big, 0);
        var huge = new MultipartFormDataContent { { new ByteArrayContent(big) { Headers = { ContentType = new MediaTypeHeaderValue("image/png") } }, "artwork", "big.png" } };
        await (await owner.PutAsync($"/api/music/tracks/{id}/artwork", huge)).ProblemAsync(413, "FILE_TOO_LARGE");

        await (await owner.PutAsync($"/api/music/tracks/{id}/artwork", new StringContent("{}", null, "application/json")))
            .ProblemAsync(415, "UNSUPPORTED_MEDIA_TYPE");
        await (await owner.PutAsync($"/api/music/tracks/{id}/artwork", new MultipartFormDataContent { { new StringContent("x"), "title" } }))
            .ProblemAsync(400, "VALIDATION_FAILED");

        Assert.Equal(kept, await _site.CreateClient().GetByteArrayAsync($"/api/music/tracks/{id}/artwork"));
        Assert.Equal(folders, await ArtworkFoldersAsync(id));
    }

    [Fact]
    public async Task TrackArtwork_OnlyTheOwnerOrAnAdmin_ChangesIt()
    {
        var (_, email) = await ArtistAsync();
        var id = await TestCatalog.AddReadyTrackAsync(_site.Services, "Not Yours", seconds: 3, uploaderEmail: email);
        var (other, _) = await ArtistAsync();

        await (await other.PutAsync($"/api/music/tracks/{id}/artwork", ImageForm(MediaFixtures.Image(_files.Path, "png", 300, 300))))
            .ProblemAsync(403, "UNAUTHORIZED_ACCESS");
        await (await other.DeleteAsync($"/api/music/tracks/{id}/artwork")).ProblemAsync(403, "UNAUTHORIZED_ACCESS");
        Assert.Equal(401, (int)(await _site.CreateClient().DeleteAsync($"/api/music/tracks/{id}/artwork")).StatusCode);
        await (await other.PutAsync("/api/music/tracks/999999/artwork", ImageForm(MediaFixtures.Image(_files.Path, "png", 300, 300))))
            .ProblemAsync(404, "TRACK_NOT_FOUND");
        await (await _site.CreateClient().GetAsync("/api/music/tracks/999999/artwork")).ProblemAsync(404, "TRACK_NOT_FOUND");
        Assert.Empty(await ArtworkFoldersAsync(id));
    }

    [Fact]
    public async Task AlbumArtwork_ReplacedAndRemoved_ByTheOwnerOnly_OldFilesGo()
    {
        var (owner, _) = await ArtistAsync();
        var created = await owner.PostAsync("/api/music/albums", new MultipartFormDataContent { { new StringContent("Changing Cover"), "title" } });
        var id = (await created.JsonAsync()).GetProperty("id").GetInt32();
        var (other, _) = await ArtistAsync();
        var anonymous = _site.CreateClient();
        Assert.Equal("image/svg+xml", (await anonymous.GetAsync($"/api/music/albums/{id}/artwork?size=200")).Content.Headers.ContentType?.MediaType);

        var replaced = await owner.PutAsync($"/api/music/albums/{id}/artwork", ImageForm(MediaFixtures.Image(_files.Path, "webp", 640, 480)));
        Assert.Equal(200, (int)replaced.StatusCode);
        Assert.True((await replaced.JsonAsync()).GetProperty("hasArtwork").GetBoolean());
        Assert.Equal("200x200", await ImageSizeAsync(anonymous, $"/api/music/albums/{id}/artwork?size=200"));
        var firstFolders = AlbumFolders();

        await (await other.PutAsync($"/api/music/albums/{id}/artwork", ImageForm(MediaFixtures.Image(_files.Path, "png", 300, 300))))
            .ProblemAsync(403, "UNAUTHORIZED_ACCESS");
        await (await owner.PutAsync($"/api/music/albums/{id}/artwork", ImageForm(MediaFixtures.Text(_files.Path, "a.jpg", "text"))))
            .ProblemAsync(415, "INVALID_IMAGE");
        Assert.Equal(firstFolders, AlbumFolders());

        Assert.Equal(200, (int)(await owner.PutAsync($"/api/music/albums/{id}/artwork", ImageForm(MediaFixtures.Image(_files.Path, "png", 300, 300)))).StatusCode);
        Assert.Equal(firstFolders.Count, AlbumFolders().Count);
        Assert.NotEqual(firstFolders, AlbumFolders());

        Assert.Equal(204, (int)(await owner.DeleteAsync($"/api/music/albums/{id}/artwork")).StatusCode);
        Assert.Equal("image/svg+xml", (await anonymous.GetAsync($"/api/music/albums/{id}/artwork")).Content.Headers.ContentType?.MediaType);
        Assert.Equal(firstFolders.Count - 1, AlbumFolders().Count);
        await (await anonymous.GetAsync("/api/music/albums/999999/artwork")).ProblemAsync(404, "ALBUM_NOT_FOUND");
    }

    [Fact]
    public async Task CoverAddress_WithTheCurrentVersion_CachesForAYear_AndRevalidatesWith304()
    {
        var (owner, email) = await ArtistAsync();
        var id = await TestCatalog.AddReadyTrackAsync(_site.Services, "Cached Cover", seconds: 3, uploaderEmail: email);
        var anonymous = _site.CreateClient();

        var page = new HtmlParser().ParseDocument(await anonymous.GetStringAsync($"/tracks/{id}"));
        var src = page.QuerySelector("img.cover-large")!.GetAttribute("src")!;
        Assert.Contains("v=", src);
        var versioned = await anonymous.GetAsync(src);
        var caching = versioned.Headers.CacheControl!;
        Assert.True(caching.Private);
        Assert.Equal(TimeSpan.FromDays(365), caching.MaxAge);
        Assert.Contains(caching.Extensions, e => e.Name == "immutable");
        var unversioned = await anonymous.GetAsync($"/api/music/tracks/{id}/artwork");
        Assert.True(unversioned.Headers.CacheControl!.NoCache);

        var again = new HttpRequestMessage(HttpMethod.Get, $"/api/music/tracks/{id}/artwork");
        again.Headers.IfNoneMatch.Add(unversioned.Headers.ETag!);
        Assert.Equal(304, (int)(await anonymous.SendAsync(again)).StatusCode);

        // A change gives the page a new address, so the year-long cache never shows the old cover.
        Assert.Equal(200, (int)(await owner.PutAsync($"/api/music/tracks/{id}/artwork", ImageForm(MediaFixtures.Image(_files.Path, "png", 300, 300)))).StatusCode);
        var changed = new HtmlParser().ParseDocument(await anonymous.GetStringAsync($"/tracks/{id}")).QuerySelector("img.cover-large")!.GetAttribute("src")!;
        Assert.NotEqual(src, changed);
        Assert.Equal("image/jpeg", (await anonymous.GetAsync(changed)).Content.Headers.ContentType?.MediaType);
        var stale = new HttpRequestMessage(HttpMethod.Get, $"/api/music/tracks/{id}/artwork");
        stale.Headers.IfNoneMatch.Add(unversioned.Headers.ETag!);
        Assert.Equal(200, (int)(await anonymous.SendAsync(stale)).StatusCode);
    }

    [Fact]
    public async Task PrivateTrack_Cover_IsHiddenFromOthers()
    {
        var (owner, email) = await ArtistAsync();
        var id = await TestCatalog.AddReadyTrackAsync(_site.Services, "Secret", seconds: 3, isPublic: false, uploaderEmail: email);

        Assert.Equal(200, (int)(await owner.GetAsync($"/api/music/tracks/{id}/artwork")).StatusCode);
        await (await _site.CreateClient().GetAsync($"/api/music/tracks/{id}/artwork")).ProblemAsync(404, "TRACK_NOT_FOUND");
    }

    private async Task<(HttpClient Client, string Email)> ArtistAsync()
    {
        var client = _site.CreateClient();
        var email = $"cover-{Guid.NewGuid():N}@example.com";
        Assert.Equal(201, (int)(await client.RegisterAsync(email, displayName: "Cover Artist", accountType: "Artist")).StatusCode);
        var token = (await client.LoginAsync(email)).GetProperty("accessToken").GetString()!;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return (client, email);
    }

    private static MultipartFormDataContent ImageForm(string path) =>
        new() { { new StreamContent(File.OpenRead(path)), "artwork", Path.GetFileName(path) } };

    private async Task<string> ImageSizeAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal("image/jpeg", response.Content.Headers.ContentType?.MediaType);
        var path = Path.Combine(_files.Path, $"got-{Guid.NewGuid():N}.jpg");
        await File.WriteAllBytesAsync(path, await response.Content.ReadAsByteArrayAsync());
        var probe = MediaFixtures.Probe(path, "stream=width,height");
        string Value(string key) => probe.Split('\n').Single(l => l.StartsWith(key + "=", StringComparison.Ordinal))[(key.Length + 1)..].Trim();
        return $"{Value("width")}x{Value("height")}";
    }

    /// <summary>The artwork folders inside a track's own folder.</summary>
    private async Task<List<string>> ArtworkFoldersAsync(int trackId)
    {
        var original = await _site.WithDbAsync(db => Task.FromResult(db.MediaFiles.First(m => m.TrackId == trackId).RelativePath));
        var folder = Path.Combine(_site.DataDirectory, "media", Path.GetDirectoryName(original)!);
        return Directory.EnumerateFileSystemEntries(folder, "artwork*").Select(p => Path.GetFileName(p)!).Order().ToList();
    }

    private List<string> AlbumFolders()
    {
        var folder = Path.Combine(_site.DataDirectory, "media", "albums");
        return Directory.Exists(folder) ? Directory.EnumerateDirectories(folder).Select(p => Path.GetFileName(p)!).Order().ToList() : [];
    }

    public void Dispose() => _files.Dispose();
}
