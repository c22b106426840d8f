using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using MusicSite.Catalog;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Security;

/// <summary>
/// Security finding 6: an unsafe API method signed in by the cookie must prove it comes from the site's own
/// pages (Sec-Fetch-Site, Origin or an antiforgery token). Bearer and anonymous requests are unaffected.
/// </summary>
public sealed partial class Finding6CrossSiteRequestTests(MusicSiteFactory site) : IClassFixture<MusicSiteFactory>, IDisposable
{
    private const string Evil = "https://evil.example";
    private readonly TempDirectory _files = new("musicsite-crosssite");

    public static TheoryData<string, string> CrossSiteHeaders => new()
    {
        { "Origin", Evil },
        { "Sec-Fetch-Site", "cross-site" },
        { "Sec-Fetch-Site", "same-site" },
        { "Origin", "null" },
        { "", "" }, // neither header: not a browser's page, and no token either
    };

    [Theory]
    [MemberData(nameof(CrossSiteHeaders))]
    public async Task CookieAlbumCreation_FromAnotherSite_Is403_AndCreatesNothing(string header, string value)
    {
        var client = await site.CookieClientAsync("Artist");
        var before = await site.CountAsync<Album>();

        var response = await client.SendAsync(With(new HttpRequestMessage(HttpMethod.Post, "/api/music/albums") { Content = AlbumForm("Forged") }, header, value));

        await response.ProblemAsync(403, "CROSS_SITE_REQUEST");
        Assert.Equal(before, await site.CountAsync<Album>());
    }

    [Trait("Category", "Slow")]
    [Theory]
    [InlineData("Origin", Evil)]
    [InlineData("Sec-Fetch-Site", "cross-site")]
    public async Task CookieTrackUpload_FromAnotherSite_Is403_AndCreatesNothing(string header, string value)
    {
        var client = await site.CookieClientAsync("Artist");
        var before = await site.CountAsync<Track>();

        var request = new HttpRequestMessage(HttpMethod.Post, "/api/music/tracks")
        {
            Content = TrackUploads.Form(MediaFixtures.Audio(_files.Path, "mp3", 2), [("title", "Forged Upload")]),
        };
        var response = await client.SendAsync(With(request, header, value));

        await response.ProblemAsync(403, "CROSS_SITE_REQUEST");
        Assert.Equal(before, await site.CountAsync<Track>());
    }

    /// <summary>Every unsafe method under /api, found in the endpoint data source, so a new route is covered too.</summary>
    [Fact]
    public async Task EveryUnsafeApiRoute_WithCookieFromAnotherSite_Is403BeforeItsHandler()
    {
        var client = await site.CookieClientAsync("Artist");
        var routes = site.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.TrimStart('/').StartsWith("api/", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => (Method: m, Pattern: e.RoutePattern.RawText!)))
            .Where(r => r.Method is not ("GET" or "HEAD" or "OPTIONS"))
            .Distinct().ToList();
        Assert.Contains(("POST", "/api/music/tracks/"), routes.Select(r => (r.Method, r.Pattern.TrimEnd('/') + "/")));
        Assert.Contains(routes, r => r.Method == "PATCH"); // tus

        var refused = new List<string>();
        foreach (var (method, pattern) in routes)
        {
            var path = RouteParameter().Replace(pattern, m => m.Value.Contains(":int") ? "1" : "x");
            var request = With(new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent("{}", null, "application/json") }, "Origin", Evil);
            request.Headers.Add("Tus-Resumable", "1.0.0");
            var response = await client.SendAsync(request);
            if ((int)response.StatusCode != 403 || !(await response.Content.ReadAsStringAsync()).Contains("CROSS_SITE_REQUEST"))
            {
                refused.Add($"{method} {path} answered {(int)response.StatusCode}");
            }
        }
        Assert.True(refused.Count == 0, $"Of {routes.Count} unsafe API routes, these let a cross-site cookie request through:\n" + string.Join("\n", refused));
    }

    [Theory]
    [InlineData("Sec-Fetch-Site", "same-origin")]
    [InlineData("Sec-Fetch-Site", "none")]
    [InlineData("Origin", "http://localhost")]
    [InlineData("Origin", "HTTP://LOCALHOST:80")]
    public async Task CookieAlbumCreation_FromTheSitesOwnPages_IsAccepted(string header, string value)
    {
        var client = await site.CookieClientAsync("Artist");

        var response = await client.SendAsync(With(new HttpRequestMessage(HttpMethod.Post, "/api/music/albums") { Content = AlbumForm("Own Page") }, header, value));

        Assert.Equal(201, (int)response.StatusCode);
    }

    [Fact]
    public async Task CookieAlbumCreation_WithTheAntiforgeryTokenInAHeader_IsAccepted()
    {
        var client = await site.CookieClientAsync("Artist");
        var token = await PageSessions.AntiforgeryTokenAsync(client);

        var request = new HttpRequestMessage(HttpMethod.Post, "/api/music/albums") { Content = AlbumForm("With Token") };
        request.Headers.Add("RequestVerificationToken", token);
        var withToken = await client.SendAsync(request);
        var forged = new HttpRequestMessage(HttpMethod.Post, "/api/music/albums") { Content = AlbumForm("Forged Token") };
        forged.Headers.Add("RequestVerificationToken", "forged");
        var withForgedToken = await client.SendAsync(forged);

        Assert.Equal(201, (int)withToken.StatusCode);
        await withForgedToken.ProblemAsync(403, "CROSS_SITE_REQUEST");
    }

    [Fact]
    public async Task BearerAlbumCreation_WithAnotherSitesOrigin_IsAccepted()
    {
        var client = await site.ArtistClientAsync();

        var response = await client.SendAsync(With(new HttpRequestMessage(HttpMethod.Post, "/api/music/albums") { Content = AlbumForm("Bearer") }, "Origin", Evil));

        Assert.Equal(201, (int)response.StatusCode);
    }

    [Fact]
    public async Task AnonymousRequest_WithAnotherSitesOrigin_IsUnaffected()
    {
        var request = With(new HttpRequestMessage(HttpMethod.Post, "/api/auth/register")
        {
            Content = new StringContent($$"""{"email":"anon-{{Guid.NewGuid():N}}@example.com","password":"Passw0rdOk","displayName":"Anon"}""", null, "application/json"),
        }, "Origin", Evil);

        var response = await site.CreateClient().SendAsync(request);

        Assert.Equal(201, (int)response.StatusCode);
    }

    private static MultipartFormDataContent AlbumForm(string title) => new() { { new StringContent(title), "title" } };

    private static HttpRequestMessage With(HttpRequestMessage request, string header, string value)
    {
        if (header.Length > 0)
        {
            request.Headers.TryAddWithoutValidation(header, value);
        }
        return request;
    }

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex RouteParameter();

    public void Dispose() => _files.Dispose();
}
