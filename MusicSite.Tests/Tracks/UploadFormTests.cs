using System.Net.Http.Headers;
using AngleSharp.Html.Parser;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Tracks;

/// <summary>The upload page's own form, posted as a browser without JavaScript posts it: every accepted format.</summary>
[Trait("Category", "Slow")]
public sealed class UploadFormTests(MusicSiteFactory site) : IClassFixture<MusicSiteFactory>, IDisposable
{
    private readonly TempDirectory _files = new("musicsite-form");

    [Theory]
    [InlineData("mp3", false)]
    [InlineData("wav", true)]
    [InlineData("flac", true)]
    [InlineData("ogg", false)]
    [InlineData("opus", false)]
    [InlineData("m4a", false)]
    public async Task UploadForm_EachFormat_BecomesReady(string extension, bool lossless)
    {
        var browser = site.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await PostFormAsync(browser, "/account/register", new()
        {
            ["Input.Email"] = $"form-{Guid.NewGuid():N}@example.com", ["Input.DisplayName"] = "Form Poster",
            ["Input.Password"] = "Passw0rdOk", ["Input.AccountType"] = "Artist",
        });

        var form = await FormFieldsAsync(browser, "/upload");
        var content = new MultipartFormDataContent();
        foreach (var (name, value) in form)
        {
            content.Add(new StringContent(value), name);
        }
        content.Add(new StringContent($"Form {extension}"), "title");
        content.Add(new StringContent("techno"), "genres");
        var audio = new StreamContent(File.OpenRead(MediaFixtures.Audio(_files.Path, extension, 3)));
        audio.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        content.Add(audio, "audio", "from-form." + extension);
        var posted = await browser.PostAsync("/upload", content);

        Assert.Equal(302, (int)posted.StatusCode);
        var id = int.Parse(posted.Headers.Location!.ToString().Split('/').Last());
        var track = await site.CreateClient().WaitForProcessingAsync(id);
        Assert.Equal("ready", track.GetProperty("processing").GetProperty("state").GetString());
        Assert.Equal($"Form {extension}", track.GetProperty("title").GetString());
        Assert.Equal(lossless, track.GetProperty("variants").EnumerateArray().Any(v => v.GetProperty("quality").GetString() == "lossless"));
        Assert.True(track.GetProperty("hasWaveform").GetBoolean());
    }

    /// <summary>The hidden fields a page's form carries (antiforgery token, form name).</summary>
    private static async Task<List<(string, string)>> FormFieldsAsync(HttpClient client, string path)
    {
        var doc = new HtmlParser().ParseDocument(await client.GetStringAsync(path));
        return doc.QuerySelectorAll("main form input[type=hidden]")
            .Where(i => i.GetAttribute("name") is "__RequestVerificationToken" or "_handler")
            .Select(i => (i.GetAttribute("name")!, i.GetAttribute("value") ?? "")).ToList();
    }

    private static async Task PostFormAsync(HttpClient client, string path, Dictionary<string, string> fields)
    {
        var values = (await FormFieldsAsync(client, path)).Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2))
            .Concat(fields).ToList();
        var response = await client.PostAsync(path, new FormUrlEncodedContent(values));
        Assert.Equal(302, (int)response.StatusCode);
    }

    public void Dispose() => _files.Dispose();
}
