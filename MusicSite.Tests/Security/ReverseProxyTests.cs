using System.Net.Http.Json;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Security;

/// <summary>Forwarded headers are believed only from the proxies ReverseProxy:KnownProxies names.</summary>
public sealed class ReverseProxyTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ForwardedFor_CountsPerForwardedClient_OnlyFromAKnownProxy(bool proxyKnown)
    {
        using var kestrel = new KestrelSite();
        kestrel.Site.Settings["RateLimits:AccountPermitLimit"] = "1";
        if (proxyKnown)
        {
            kestrel.Site.Settings["ReverseProxy:KnownProxies:0"] = "127.0.0.1";
        }
        var client = kestrel.CreateClient();

        var first = await client.SendAsync(From("203.0.113.10"));
        var second = await client.SendAsync(From("203.0.113.20"));

        Assert.Equal(401, (int)first.StatusCode);
        // Behind a known proxy these are two clients; without one, the header is ignored and both are 127.0.0.1.
        Assert.Equal(proxyKnown ? 401 : 429, (int)second.StatusCode);
    }

    private static HttpRequestMessage From(string client)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login")
        {
            Content = JsonContent.Create(new { email = $"nobody-{Guid.NewGuid():N}@example.com", password = "Wrong-pass1" }),
        };
        request.Headers.Add("X-Forwarded-For", client);
        return request;
    }
}
