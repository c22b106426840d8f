using AngleSharp.Html.Parser;
using MusicSite.Tests.Infrastructure;
using Xunit.Abstractions;

namespace MusicSite.Tests.Hosting;

/// <summary>The JavaScript and CSS a first-time visitor downloads, as the browser gets it (compressed).</summary>
public sealed class PageWeightTests(MusicSiteFactory site, ITestOutputHelper output) : IClassFixture<MusicSiteFactory>
{
    private const int BudgetBytes = 60 * 1024;

    [Fact]
    public async Task CatalogPage_FirstVisit_DownloadsUnder60KBOfCompressedScriptAndStyle()
    {
        // The in-memory client does not decompress: the lengths read are the bytes on the wire.
        var client = site.CreateClient();
        var doc = new HtmlParser().ParseDocument(await client.GetStringAsync("/tracks"));
        var urls = doc.Scripts.Select(s => s.Source).OfType<string>()
            .Concat(doc.QuerySelectorAll("link[rel=stylesheet]").Select(l => l.GetAttribute("href")).OfType<string>())
            .Distinct().ToList();

        var total = 0;
        var lines = new List<string>();
        foreach (var url in urls)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.TryAddWithoutValidation("Accept-Encoding", "br");
            var response = await client.SendAsync(request);
            Assert.Equal(200, (int)response.StatusCode);
            Assert.Equal(["br"], response.Content.Headers.ContentEncoding);
            var bytes = (await response.Content.ReadAsByteArrayAsync()).Length;
            total += bytes;
            lines.Add($"{bytes,8:N0} B  {url}");
        }

        var summary = $"First visit of /tracks: {urls.Count} files, {total:N0} B ({total / 1024.0:F1} KB) of JavaScript and CSS, Brotli";
        output.WriteLine(string.Join(Environment.NewLine, lines.Append(summary)));
        Console.WriteLine(summary);
        Assert.NotEmpty(urls);
        Assert.True(total < BudgetBytes, $"{summary}: over the {BudgetBytes / 1024} KB budget.");
    }
}
