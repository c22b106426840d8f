using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Security;

/// <summary>CORS: no cross-origin access by default; Cors:AllowedOrigins opens the API to exactly those origins.</summary>
public sealed class CrossOriginTests
{
    private const string Listed = "https://app.example.org";

    [Fact]
    public async Task ApiAnswerAndPreflight_ByDefault_CarryNoCorsHeaders()
    {
        using var site = new MusicSiteFactory();
        var client = site.CreateClient();

        var get = await client.SendAsync(WithOrigin(new HttpRequestMessage(HttpMethod.Get, "/api/genres"), Listed));
        var preflight = await client.SendAsync(Preflight("/api/music/tracks", Listed));

        Assert.Equal(200, (int)get.StatusCode);
        Assert.False(get.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.False(preflight.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.False(preflight.Headers.Contains("Access-Control-Allow-Methods"));
    }

    [Theory]
    [InlineData("Cors:AllowedOrigins:0", Listed)]
    [InlineData("Cors:AllowedOrigins", "https://other.example.org, " + Listed + "/")]
    public async Task ConfiguredOrigin_GetsCorsHeaders_AndOthersStillDoNot(string key, string value)
    {
        using var site = new MusicSiteFactory();
        site.Settings[key] = value;
        var client = site.CreateClient();

        var get = await client.SendAsync(WithOrigin(new HttpRequestMessage(HttpMethod.Get, "/api/genres"), Listed));
        var preflight = await client.SendAsync(Preflight("/api/music/tracks", Listed));
        var stranger = await client.SendAsync(WithOrigin(new HttpRequestMessage(HttpMethod.Get, "/api/genres"), "https://evil.example"));

        Assert.Equal(Listed, Assert.Single(get.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Equal(204, (int)preflight.StatusCode);
        Assert.Equal(Listed, Assert.Single(preflight.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Contains("POST", string.Join(",", preflight.Headers.GetValues("Access-Control-Allow-Methods")));
        Assert.Contains("authorization", string.Join(",", preflight.Headers.GetValues("Access-Control-Allow-Headers")), StringComparison.OrdinalIgnoreCase);
        // Bearer tokens only: a cookie never rides along with another site's request.
        Assert.False(preflight.Headers.Contains("Access-Control-Allow-Credentials"));
        Assert.False(stranger.Headers.Contains("Access-Control-Allow-Origin"));
    }

    private static HttpRequestMessage Preflight(string path, string origin)
    {
        var request = WithOrigin(new HttpRequestMessage(HttpMethod.Options, path), origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "authorization, content-type");
        return request;
    }

    private static HttpRequestMessage WithOrigin(HttpRequestMessage request, string origin)
    {
        request.Headers.Add("Origin", origin);
        return request;
    }
}
