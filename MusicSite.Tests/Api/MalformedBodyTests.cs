using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using MusicSite.Catalog;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Api;

/// <summary>Bodies of the wrong shape, cut short or too large are the caller's mistake: a 4xx, and nothing left behind.</summary>
public sealed class MalformedBodyTests : IDisposable
{
    private readonly MusicSiteFactory _site = new();

    public MalformedBodyTests() => _site.Settings["Uploads:MaxArtworkBytes"] = "100000";

    [Theory]
    [InlineData("""{"uploadId":123}""")]
    [InlineData("""{"uploadId":{"a":1}}""")]
    [InlineData("""["x"]""")]
    [InlineData("\"x\"")]
    [InlineData("42")]
    [InlineData("null")]
    public async Task TrackCreation_WrongJsonShape_Is400(string json)
    {
        var artist = await _site.ArtistClientAsync();

        var response = await artist.PostAsync("/api/music/tracks", new StringContent(json, Encoding.UTF8, "application/json"));

        await response.ProblemAsync(400, "VALIDATION_FAILED");
    }

    [Theory]
    [InlineData("""["x"]""")]
    [InlineData("\"x\"")]
    [InlineData("7")]
    public async Task AlbumPut_NotAnObject_Is400AndChangesNothing(string json)
    {
        var artist = await _site.ArtistClientAsync();
        var created = await artist.PostAsync("/api/music/albums", new MultipartFormDataContent { { new StringContent("Shape"), "title" } });
        Assert.Equal(201, (int)created.StatusCode);
        var id = (await created.JsonAsync()).GetProperty("id").GetInt32();

        var response = await artist.PutAsync($"/api/music/albums/{id}", new StringContent(json, Encoding.UTF8, "application/json"));

        await response.ProblemAsync(400, "VALIDATION_FAILED");
        Assert.Equal("Shape", (await (await artist.GetAsync($"/api/music/albums/{id}")).JsonAsync()).GetProperty("title").GetString());
    }

    [Theory]
    [InlineData("POST", "/api/music/tracks", "audio")]
    [InlineData("POST", "/api/music/albums", "artwork")]
    [InlineData("PUT", "/api/auth/me/avatar", "avatar")]
    public async Task TruncatedMultipart_OnTheApi_Is400AndLeavesNothing(string method, string path, string fileField)
    {
        var artist = await _site.ArtistClientAsync();
        var (tracks, albums) = (await _site.CountAsync<Track>(), await _site.CountAsync<Album>());

        var response = await artist.SendAsync(new HttpRequestMessage(new HttpMethod(method), path)
        {
            Content = Truncated([("title", null, "Cut short"u8.ToArray())], (fileField, new byte[64 * 1024])),
        });

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal((tracks, albums), (await _site.CountAsync<Track>(), await _site.CountAsync<Album>()));
        Assert.Empty(StagedFiles());
    }

    [Theory]
    [InlineData("/upload", "audio")]
    [InlineData("/albums/new", "artwork")]
    public async Task TruncatedMultipart_OnAPageForm_Is400AndLeavesNothing(string path, string fileField)
    {
        var browser = await _site.CookieClientAsync("Artist");
        var hidden = await PageSessions.HiddenFieldsAsync(browser, path);
        var (tracks, albums) = (await _site.CountAsync<Track>(), await _site.CountAsync<Album>());

        var response = await browser.PostAsync(path,
            Truncated([.. hidden.Select(f => (f.Key, (string?)null, Encoding.UTF8.GetBytes(f.Value))), ("title", null, "Cut"u8.ToArray())],
                (fileField, new byte[64 * 1024])));

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal((tracks, albums), (await _site.CountAsync<Track>(), await _site.CountAsync<Album>()));
        Assert.Empty(StagedFiles());
    }

    [Fact]
    public async Task AlbumArtwork_OverTheCap_OnTheApi_Is413AndNoAlbum()
    {
        var artist = await _site.ArtistClientAsync();
        var albums = await _site.CountAsync<Album>();
        var form = new MultipartFormDataContent { { new StringContent("Too big"), "title" } };
        form.Add(new ByteArrayContent(new byte[200_000]) { Headers = { ContentType = new MediaTypeHeaderValue("image/png") } }, "artwork", "big.png");

        var response = await artist.PostAsync("/api/music/albums", form);

        await response.ProblemAsync(413, "FILE_TOO_LARGE");
        Assert.Equal(albums, await _site.CountAsync<Album>());
        Assert.Empty(StagedFiles());
    }

    [Fact]
    public async Task AlbumArtwork_OverTheCap_OnTheForm_ShowsAMessageAndNoAlbum()
    {
        var browser = await _site.CookieClientAsync("Artist");
        var form = new MultipartFormDataContent();
        foreach (var (name, value) in await PageSessions.HiddenFieldsAsync(browser, "/albums/new"))
        {
            form.Add(new StringContent(value), name);
        }
        form.Add(new StringContent("Too big"), "title");
        form.Add(new ByteArrayContent(new byte[200_000]) { Headers = { ContentType = new MediaTypeHeaderValue("image/png") } }, "artwork", "big.png");
        var albums = await _site.CountAsync<Album>();

        var response = await browser.PostAsync("/albums/new", form);

        Assert.Equal(200, (int)response.StatusCode);
        var doc = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        Assert.Contains("at most", doc.QuerySelector("input#artwork")!.ParentElement!.TextContent);
        Assert.Equal(albums, await _site.CountAsync<Album>());
        Assert.Empty(StagedFiles());
    }

    /// <summary>A well-formed start of a multipart body whose last file part is cut off mid-way, closing boundary and all.</summary>
    private static ByteArrayContent Truncated(IEnumerable<(string Name, string? FileName, byte[] Data)> fields, (string Name, byte[] Data) file)
    {
        const string boundary = "musicsite-cut-short";
        var body = new MemoryStream();
        void Write(string text) => body.Write(Encoding.UTF8.GetBytes(text));
        foreach (var (name, _, data) in fields)
        {
            Write($"--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n");
            body.Write(data);
            Write("\r\n");
        }
        Write($"--{boundary}\r\nContent-Disposition: form-data; name=\"{file.Name}\"; filename=\"cut.bin\"\r\nContent-Type: application/octet-stream\r\n\r\n");
        body.Write(file.Data.AsSpan(0, file.Data.Length / 2));
        var content = new ByteArrayContent(body.ToArray());
        content.Headers.ContentType = MediaTypeHeaderValue.Parse($"multipart/form-data; boundary={boundary}");
        return content;
    }

    private string[] StagedFiles()
    {
        var dir = Path.Combine(_site.DataDirectory, "uploads");
        return Directory.Exists(dir) ? Directory.GetFiles(dir, "staged-*") : [];
    }

    public void Dispose() => _site.Dispose();
}
