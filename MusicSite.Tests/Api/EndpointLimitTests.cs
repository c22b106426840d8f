using System.Net.Http.Headers;
using System.Net.Http.Json;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Api;

/// <summary>
/// The per-endpoint limits (uploads, searches, edits, reads), each set tiny here: past it a 429 with Retry-After
/// (RATE_LIMITED in the API), counted per signed-in user, else per address. Media streams are exempt.
/// </summary>
public sealed class EndpointLimitTests : IDisposable
{
    private readonly MusicSiteFactory _site = new();

    public EndpointLimitTests()
    {
        _site.Settings["RateLimits:UploadsPerHour"] = "1";
        _site.Settings["RateLimits:SearchesPerMinute"] = "2";
        _site.Settings["RateLimits:EditsPerMinute"] = "2";
        _site.Settings["RateLimits:ReadsPerMinute"] = "3";
    }

    private static string NewAddress() => $"10.{Random.Shared.Next(1, 255)}.{Random.Shared.Next(1, 255)}.{Random.Shared.Next(1, 255)}";

    private HttpClient Anonymous(string address) => TestClientAddress.From(_site.CreateClient(), address);

    private async Task<HttpClient> SignedInAsync(string address, string accountType = "Listener")
    {
        var client = Anonymous(address);
        var email = $"limits-{Guid.NewGuid():N}@example.com";
        Assert.Equal(201, (int)(await client.RegisterAsync(email, accountType: accountType)).StatusCode);
        var token = (await client.LoginAsync(email)).GetProperty("accessToken").GetString()!;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static async Task AssertLimitedAsync(HttpResponseMessage response)
    {
        await response.ProblemAsync(429, "RATE_LIMITED");
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero);
    }

    [Fact]
    public async Task Reads_PastTheLimit_Are429ForApiAndPages_ButStreamsAreExempt()
    {
        var trackId = await TestCatalog.AddReadyTrackAsync(_site.Services, "Limit Tone", seconds: 2);
        var client = Anonymous(NewAddress());
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(200, (int)(await client.GetAsync("/api/genres")).StatusCode);
        }

        await AssertLimitedAsync(await client.GetAsync($"/api/music/tracks/{trackId}"));
        var page = await client.GetAsync("/genres");
        Assert.Equal(429, (int)page.StatusCode);
        Assert.NotNull(page.Headers.RetryAfter);
        Assert.Contains("Too many requests", await page.Content.ReadAsStringAsync());
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(200, (int)(await client.GetAsync($"/api/music/stream/{trackId}")).StatusCode);
        }
        Assert.Equal(200, (int)(await Anonymous(NewAddress()).GetAsync("/api/genres")).StatusCode);
    }

    [Fact]
    public async Task Searches_PastTheLimit_Are429_CountedPerUserNotPerAddress()
    {
        var address = NewAddress();
        var first = await SignedInAsync(address);
        var second = await SignedInAsync(address);
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(200, (int)(await first.GetAsync("/api/music/tracks?search=tone")).StatusCode);
        }

        await AssertLimitedAsync(await first.GetAsync("/api/music/tracks?search=tone"));
        Assert.Equal(429, (int)(await first.GetAsync("/tracks?q=tone")).StatusCode);
        Assert.Equal(200, (int)(await second.GetAsync("/api/music/tracks?search=tone")).StatusCode);
    }

    [Fact]
    public async Task Edits_PastTheLimit_Are429()
    {
        var client = await SignedInAsync(NewAddress());
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(200, (int)(await client.PutAsJsonAsync("/api/auth/me", new { displayName = $"Edit {i}" })).StatusCode);
        }

        await AssertLimitedAsync(await client.PutAsJsonAsync("/api/auth/me", new { displayName = "Edit 3" }));
        Assert.Equal(200, (int)(await client.GetAsync("/api/auth/me")).StatusCode);
    }

    [Fact]
    public async Task Uploads_PastTheLimit_Are429_AndTheChunksOfAnUploadAreNotCounted()
    {
        var artist = await SignedInAsync(NewAddress(), "Artist");
        static HttpRequestMessage Create() => new(HttpMethod.Post, "/api/uploads")
        {
            Headers = { { "Tus-Resumable", "1.0.0" }, { "Upload-Length", "4" } },
        };

        var created = await artist.SendAsync(Create());
        Assert.Equal(201, (int)created.StatusCode);
        for (var i = 0; i < 4; i++)
        {
            var chunk = new ByteArrayContent([(byte)i]);
            chunk.Headers.ContentType = new MediaTypeHeaderValue("application/offset+octet-stream");
            var patch = new HttpRequestMessage(HttpMethod.Patch, created.Headers.Location) { Content = chunk };
            patch.Headers.Add("Tus-Resumable", "1.0.0");
            patch.Headers.Add("Upload-Offset", i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(204, (int)(await artist.SendAsync(patch)).StatusCode);
        }

        await AssertLimitedAsync(await artist.SendAsync(Create()));
    }

    public void Dispose() => _site.Dispose();
}
