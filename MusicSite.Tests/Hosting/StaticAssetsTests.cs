using System.Net.Http.Headers;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.FileProviders;
using System.Xml.Linq;
using MusicSite.Tests.Infrastructure;
using MusicSite.Web.Components.Shared;
using MusicSite.Web.Hosting;

namespace MusicSite.Tests.Hosting;

/// <summary>Fingerprinted static files with a year's cache, compression of the static text only, the icons.</summary>
public sealed class StaticAssetsTests(MusicSiteFactory site) : IClassFixture<MusicSiteFactory>
{
    private static IEnumerable<string> AssetUrls(string html)
    {
        var doc = new HtmlParser().ParseDocument(html);
        return doc.Scripts.Select(s => s.Source!)
            .Concat(doc.QuerySelectorAll("link[rel=stylesheet], link[rel=icon]").Select(l => l.GetAttribute("href")!));
    }

    [Theory]
    [InlineData("/tracks")]
    [InlineData("/account/login")]
    public async Task PageAssets_AreFingerprinted_AndCachedForAYearAsImmutable(string path)
    {
        var client = site.CreateClient();
        var urls = AssetUrls(await client.GetStringAsync(path)).ToList();

        Assert.Contains(urls, u => u.StartsWith("/css/site.css?v=", StringComparison.Ordinal));
        Assert.Contains(urls, u => u.StartsWith("/favicon.svg?v=", StringComparison.Ordinal));
        foreach (var url in urls)
        {
            Assert.Matches(@"\?v=[0-9a-f]{16}$", url);
            var response = await client.GetAsync(url);
            Assert.Equal(200, (int)response.StatusCode);
            Assert.Equal(StaticAssets.ImmutableCacheControl, response.Headers.CacheControl?.ToString());
        }
    }

    [Theory]
    [InlineData("/css/site.css")]
    [InlineData("/css/site.css?v=0000000000000000")]
    [InlineData("/js/site.js?v=")]
    public async Task StaticFile_WithoutTheCurrentHash_IsServedWithAShortCache(string url)
    {
        var response = await site.CreateClient().GetAsync(url);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(StaticAssets.ShortCacheControl, response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public void Url_ChangesWhenTheFileChanges_AndLeavesUnknownPathsAlone()
    {
        using var root = new TempDirectory("musicsite-static-assets");
        var file = Path.Combine(root.Path, "app.css");
        File.WriteAllText(file, "a{}");
        var assets = new StaticAssets(new WebRootOnly(root.Path));

        var first = assets.Url("/app.css");
        File.WriteAllText(file, "a{color:red}");
        var second = assets.Url("/app.css");

        Assert.StartsWith("/app.css?v=", first);
        Assert.NotEqual(first, second);
        Assert.Equal(second, assets.Url("/app.css"));
        Assert.Equal("/missing.css", assets.Url("/missing.css"));
    }

    [Fact]
    public async Task IconSprite_HoldsEverySymbolAPageUses_AndIsKeptForAYearAtItsCurrentHashOnly()
    {
        var client = site.CreateClient();
        var page = new HtmlParser().ParseDocument(await client.GetStringAsync("/tracks"));
        var uses = page.QuerySelectorAll("svg.icon use").Select(u => u.GetAttribute("href")!).ToList();

        Assert.NotEmpty(uses);
        Assert.Empty(page.QuerySelectorAll("svg.icon path"));
        Assert.Equal([IconSet.SpriteUrl], uses.Select(u => u.Split('#')[0]).Distinct());
        var current = await client.GetAsync(IconSet.SpriteUrl);
        Assert.Equal(200, (int)current.StatusCode);
        Assert.Equal("image/svg+xml", current.Content.Headers.ContentType?.MediaType);
        Assert.Equal(StaticAssets.ImmutableCacheControl, current.Headers.CacheControl?.ToString());
        var sprite = XDocument.Parse(await current.Content.ReadAsStringAsync());
        var ids = sprite.Root!.Elements().Select(e => (string?)e.Attribute("id")).ToHashSet();
        Assert.All(uses, u => Assert.Contains(u.Split('#')[1], ids));

        foreach (var other in new[] { "/icons.svg", "/icons.svg?v=0000000000000000" })
        {
            var response = await client.GetAsync(other);
            Assert.Equal(200, (int)response.StatusCode);
            Assert.Equal(StaticAssets.ShortCacheControl, response.Headers.CacheControl?.ToString());
        }
    }

    [Fact]
    public async Task UploadLibrary_IsNotLinkedByPages_ButTheUploadFormNamesIt()
    {
        var client = await site.CookieClientAsync("Artist");

        var catalog = await client.GetStringAsync("/tracks");
        var upload = new HtmlParser().ParseDocument(await client.GetStringAsync("/upload"));

        Assert.DoesNotContain("tus", string.Join(" ", AssetUrls(catalog)));
        Assert.DoesNotContain("tus", string.Join(" ", upload.Scripts.Select(s => s.Source)));
        var tus = upload.QuerySelector("form[data-upload-form]")!.GetAttribute("data-tus-src")!;
        Assert.StartsWith("/lib/tus/tus.min.js?v=", tus);
        Assert.Equal(200, (int)(await client.GetAsync(tus)).StatusCode);
    }

    [Theory]
    [InlineData("br", "br")]
    [InlineData("gzip", "gzip")]
    [InlineData("gzip, deflate, br", "br")]
    public async Task StaticText_IsCompressed(string accept, string expected)
    {
        foreach (var url in new[] { "/css/site.css", "/js/site.js", "/lib/htmx/htmx.min.js", "/favicon.svg", "/icons.svg" })
        {
            var response = await GetAsync(url, accept);

            Assert.Equal(200, (int)response.StatusCode);
            Assert.Equal([expected], response.Content.Headers.ContentEncoding);
            Assert.Contains("Accept-Encoding", response.Headers.Vary);
        }
    }

    [Fact]
    public async Task PagesApiAudioAndRangeAnswers_AreNotCompressed()
    {
        var id = await TestCatalog.AddReadyTrackAsync(site.Services, "Uncompressed Tone", seconds: 2);

        var page = await GetAsync("/tracks", "br, gzip");
        var api = await GetAsync("/api/genres", "br, gzip");
        var audio = await GetAsync($"/api/music/stream/{id}", "br, gzip");
        var range = await GetAsync("/css/site.css", "br, gzip", new RangeHeaderValue(0, 99));

        Assert.Equal(200, (int)page.StatusCode);
        Assert.Empty(page.Content.Headers.ContentEncoding);
        Assert.Equal(200, (int)api.StatusCode);
        Assert.Empty(api.Content.Headers.ContentEncoding);
        Assert.True(audio.IsSuccessStatusCode, $"stream answered {(int)audio.StatusCode}");
        Assert.StartsWith("audio/", audio.Content.Headers.ContentType?.MediaType);
        Assert.Empty(audio.Content.Headers.ContentEncoding);
        Assert.Equal(206, (int)range.StatusCode);
        Assert.Empty(range.Content.Headers.ContentEncoding);
        Assert.Equal(100, (await range.Content.ReadAsByteArrayAsync()).Length);
    }

    [Fact]
    public async Task FaviconIco_IsARealIconFile()
    {
        var response = await site.CreateClient().GetAsync("/favicon.ico");
        var ico = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("image/x-icon", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal([0, 0, 1, 0, 1, 0, 32, 32], ico[..8]);
        var offset = BitConverter.ToInt32(ico, 18);
        Assert.Equal(ico.Length - offset, BitConverter.ToInt32(ico, 14));
        Assert.Equal(40, BitConverter.ToInt32(ico, offset));
        // The middle pixel is opaque accent-white (the play mark); a corner is transparent.
        int Alpha(int x, int y) => ico[offset + 40 + ((31 - y) * 32 + x) * 4 + 3];
        Assert.Equal(255, Alpha(16, 16));
        Assert.Equal(0, Alpha(0, 0));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/tracks")]
    [InlineData("/no/such/page")]
    public async Task EveryPage_LinksAnSvgIcon_AndTheIcoIsThere(string path)
    {
        var client = site.CreateClient();
        var doc = new HtmlParser().ParseDocument(await (await client.GetAsync(path)).Content.ReadAsStringAsync());

        var icon = doc.QuerySelector("link[rel=icon][type='image/svg+xml']")!.GetAttribute("href")!;
        var svg = await client.GetAsync(icon);
        Assert.Equal("image/svg+xml", svg.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<svg", await svg.Content.ReadAsStringAsync());
        Assert.Equal(200, (int)(await client.GetAsync("/favicon.ico")).StatusCode);
    }

    [Fact]
    public async Task ErrorPageOutsideRazor_LinksTheSvgIcon()
    {
        // A failed form post cannot be re-run as the /error page: it gets the bare ErrorPage, which has no App.razor head.
        var client = site.CreateClient();
        var response = await client.PostAsync("/no/such/page", new FormUrlEncodedContent([]));
        Assert.Equal(404, (int)response.StatusCode);
        var doc = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());

        var icon = doc.QuerySelector("link[rel=icon][type='image/svg+xml']")?.GetAttribute("href");
        Assert.NotNull(icon);
        Assert.Equal(200, (int)(await client.GetAsync(icon)).StatusCode);
    }

    private async Task<HttpResponseMessage> GetAsync(string url, string acceptEncoding, RangeHeaderValue? range = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        request.Headers.Range = range;
        return await site.CreateClient().SendAsync(request);
    }

    private sealed class WebRootOnly(string root) : IWebHostEnvironment
    {
        public string WebRootPath { get; set; } = root;
        public IFileProvider WebRootFileProvider { get; set; } = new PhysicalFileProvider(root);
        public string ApplicationName { get; set; } = "test";
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
        public string ContentRootPath { get; set; } = root;
        public string EnvironmentName { get; set; } = "Test";
    }
}
