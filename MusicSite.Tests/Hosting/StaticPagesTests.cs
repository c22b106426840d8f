using AngleSharp.Html.Parser;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Hosting;

/// <summary>
/// RequiresAspNetWebAssets=false: the registry lacks the package with Blazor's browser script, so the site
/// must render every page on the server and load only scripts it ships itself.
/// </summary>
public sealed class StaticPagesTests(MusicSiteFactory site) : IClassFixture<MusicSiteFactory>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/genres")]
    [InlineData("/genres/house")]
    [InlineData("/account/login")]
    [InlineData("/account/register")]
    [InlineData("/account/forgot-password")]
    public async Task Page_IsServerRenderedAndEveryScriptAndStylesheetItNamesIsServed(string path)
    {
        var client = site.CreateClient();
        var response = await client.GetAsync(path);
        Assert.Equal(200, (int)response.StatusCode);
        var doc = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());

        Assert.DoesNotContain(doc.Scripts, s => (s.Source ?? "").Contains("_framework", StringComparison.Ordinal));
        Assert.NotNull(doc.QuerySelector("main#main h1"));
        Assert.NotNull(doc.QuerySelector("header#site-header nav[aria-label=Main]"));
        Assert.NotNull(doc.QuerySelector("a.skip-link[href='#main']"));
        Assert.NotNull(doc.QuerySelector("section#player audio#player-audio"));
        var assets = doc.Scripts.Select(s => s.Source).Concat(doc.QuerySelectorAll("link[rel=stylesheet]").Select(l => l.GetAttribute("href")));
        foreach (var asset in assets)
        {
            Assert.Equal(200, (int)(await client.GetAsync(asset)).StatusCode);
        }
    }

    [Fact]
    public async Task Forms_CarryAnAntiforgeryTokenAndPostToThemselves()
    {
        var doc = new HtmlParser().ParseDocument(await site.CreateClient().GetStringAsync("/account/register"));

        var form = doc.QuerySelector("main form")!;
        Assert.Equal("post", form.GetAttribute("method"));
        Assert.NotNull(form.QuerySelector("input[name=__RequestVerificationToken]"));
        foreach (var id in new[] { "email", "displayName", "password" })
        {
            Assert.NotNull(doc.QuerySelector($"label[for={id}]"));
        }
    }

    [Fact]
    public void DataDirectory_HasTheDocumentedLayout()
    {
        _ = site.Server; // start the site
        foreach (var dir in new[] { "media", "uploads", "keys", "mail", "backups", "logs", "tmp" })
        {
            Assert.True(Directory.Exists(Path.Combine(site.DataDirectory, dir)), dir);
        }
    }
}
