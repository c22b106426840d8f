using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using MusicSite.Tests.Infrastructure;
using MusicSite.Web.Hosting;

namespace MusicSite.Tests.Security;

/// <summary>
/// Security finding 4: every response (pages, API, media, errors) carries CSP, nosniff, frame denial,
/// Referrer-Policy and Permissions-Policy, and no Server header.
/// </summary>
public sealed class Finding4SecurityHeadersTests(MusicSiteFactory site, Finding4SecurityHeadersTests.FaultySite faulty)
    : IClassFixture<MusicSiteFactory>, IClassFixture<Finding4SecurityHeadersTests.FaultySite>
{
    /// <summary>A site on Kestrel with a sign-in limit of one, whose database a test may break.</summary>
    public sealed class FaultySite : IDisposable
    {
        public KestrelSite Kestrel { get; } = new();

        public FaultySite() => Kestrel.Site.Settings["RateLimits:AccountPermitLimit"] = "1";

        public void Dispose() => Kestrel.Dispose();
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/account/login")] // issues an antiforgery token, which used to add X-Frame-Options: SAMEORIGIN
    [InlineData("/account/register")]
    [InlineData("/tracks")]
    public async Task Page_AnyVisitor_CarriesThePagePolicyAndFrameDenial(string path)
    {
        var response = await site.CreateClient().GetAsync(path);

        Assert.Equal(200, (int)response.StatusCode);
        AssertSecurityHeaders(response, html: true);
    }

    [Fact]
    public async Task ApiAnswer_CarriesEverySecurityHeader()
    {
        var response = await site.CreateClient().GetAsync("/api/genres");

        Assert.Equal(200, (int)response.StatusCode);
        AssertSecurityHeaders(response, html: false);
    }

    [Trait("Category", "Slow")]
    [Fact]
    public async Task MediaStream_OfAProcessedTrack_IsSandboxedAndNotSniffed()
    {
        var id = await TestCatalog.AddReadyTrackAsync(site.Services, "Header Tone", seconds: 2);

        var response = await site.CreateClient().GetAsync($"/api/music/stream/{id}");

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("audio/mpeg", response.Content.Headers.ContentType?.MediaType);
        AssertSecurityHeaders(response, html: false);
    }

    [Theory]
    [InlineData("/no-such-page", true)]
    [InlineData("/error/404", true)]
    [InlineData("/tracks/999999", true)]
    [InlineData("/api/music/tracks/999999", false)]
    [InlineData("/api/no-such-route", false)]
    public async Task NotFound_PageAndApi_CarryEverySecurityHeader(string path, bool html)
    {
        var response = await site.CreateClient().GetAsync(path);

        Assert.Equal(404, (int)response.StatusCode);
        AssertSecurityHeaders(response, html);
    }

    [Fact]
    public async Task FailedFormPost_BarePage_CarriesEverySecurityHeader()
    {
        // A form post without its antiforgery token is answered by ErrorPage, outside the Razor pipeline.
        var response = await site.CreateClient().PostAsync("/account/logout", new FormUrlEncodedContent([new("returnUrl", "/")]));

        Assert.Equal(400, (int)response.StatusCode);
        AssertSecurityHeaders(response, html: true);
    }

    [Fact]
    public async Task AnyAnswer_OnKestrel_HasNoServerHeader()
    {
        var client = faulty.Kestrel.CreateClient();

        foreach (var path in new[] { "/", "/css/site.css", "/api/genres", "/no-such-page" })
        {
            var response = await client.GetAsync(path);
            Assert.False(response.Headers.Contains("Server"), $"{path} names the server: {string.Join(",", response.Headers.Server)}");
            AssertSecurityHeaders(response, html: path is "/" or "/no-such-page");
        }
    }

    [Fact]
    public async Task RateLimitedAnswer_429_CarriesEverySecurityHeader()
    {
        var client = faulty.Kestrel.CreateClient();
        var login = new { email = "nobody@example.com", password = "Wrong0password" };

        await client.PostAsJsonAsync("/api/auth/login", login);
        var limited = await client.PostAsJsonAsync("/api/auth/login", login);

        Assert.Equal(429, (int)limited.StatusCode);
        AssertSecurityHeaders(limited, html: false);
    }

    [Fact]
    public async Task UnexpectedException_500_PageAndApi_CarryEverySecurityHeader()
    {
        var client = faulty.Kestrel.CreateClient();
        // A real fault: the table the genre pages read disappears under the running site.
        await faulty.Kestrel.Site.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("ALTER TABLE Genres RENAME TO GenresGone"));

        var api = await client.GetAsync("/api/genres");
        var page = await client.GetAsync("/genres");

        Assert.Equal(500, (int)api.StatusCode);
        AssertSecurityHeaders(api, html: false);
        Assert.Equal(500, (int)page.StatusCode);
        AssertSecurityHeaders(page, html: true);
    }

    private static void AssertSecurityHeaders(HttpResponseMessage response, bool html)
    {
        var what = $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.PathAndQuery} ({(int)response.StatusCode})";
        string Single(string name)
        {
            Assert.True(response.Headers.TryGetValues(name, out var values), $"{what}: no {name}");
            return Assert.Single(values!);
        }

        var csp = Single("Content-Security-Policy");
        Assert.Contains("frame-ancestors 'none'", csp);
        if (html)
        {
            Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(SecurityHeaders.PagePolicy, csp);
            Assert.Contains("script-src 'self';", csp);
            Assert.DoesNotContain("unsafe-inline", csp);
            Assert.DoesNotContain("unsafe-eval", csp);
        }
        else
        {
            Assert.Equal(SecurityHeaders.MediaPolicy, csp);
            Assert.StartsWith("sandbox", csp);
        }
        Assert.Equal("nosniff", Single("X-Content-Type-Options"));
        Assert.Equal("DENY", Single("X-Frame-Options"));
        Assert.Equal("same-origin", Single("Referrer-Policy"));
        Assert.Contains("camera=()", Single("Permissions-Policy"));
    }
}
