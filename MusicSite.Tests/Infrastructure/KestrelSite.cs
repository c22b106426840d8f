using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace MusicSite.Tests.Infrastructure;

/// <summary>
/// The site on real Kestrel at 127.0.0.1 with a port of its own, for what the in-memory test server does not
/// show (the Server header, the listening address). Settings may be changed before the first use.
/// </summary>
public sealed class KestrelSite : IDisposable
{
    private readonly Lazy<string> _baseUrl;

    public KestrelSite()
    {
        _baseUrl = new Lazy<string>(() =>
        {
            Site.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
            Site.StartServer();
            return Site.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        });
    }

    public MusicSiteFactory Site { get; } = new();

    /// <summary>Starts the site on first use.</summary>
    public string BaseUrl => _baseUrl.Value;

    /// <summary>A client that follows no redirects; with <paramref name="cookies"/> it keeps cookies as a browser does.</summary>
    public HttpClient CreateClient(bool cookies = false) =>
        new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = cookies, CookieContainer = new System.Net.CookieContainer() })
        {
            BaseAddress = new Uri(BaseUrl),
        };

    public void Dispose() => Site.Dispose();
}
