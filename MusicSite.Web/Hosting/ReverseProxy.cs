using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace MusicSite.Web.Hosting;

/// <summary>Settings bound from "ReverseProxy": the proxies whose X-Forwarded-For and -Proto headers are believed.</summary>
public sealed class ReverseProxyOptions
{
    public const string SectionName = "ReverseProxy";

    /// <summary>Addresses of the proxies in front of the site, e.g. <c>127.0.0.1</c> for nginx on the same machine.</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Networks the proxies are in, in CIDR notation, e.g. <c>10.0.0.0/8</c> for a container network.</summary>
    public string[] KnownNetworks { get; set; } = [];

    public bool Enabled => KnownProxies.Length > 0 || KnownNetworks.Length > 0;
}

/// <summary>
/// Forwarded headers, opt-in. Off by default: then X-Forwarded-* are ignored, and the client address the rate
/// limits use is the connection's. With known proxies configured, a request from one of them takes its client
/// address and scheme from X-Forwarded-For and X-Forwarded-Proto. X-Forwarded-Host is never used: links in
/// mail come from <see cref="SiteAddress"/>, and the Host header decides nothing.
/// </summary>
public static class ReverseProxy
{
    public static ReverseProxyOptions Read(IConfiguration configuration) =>
        configuration.GetSection(ReverseProxyOptions.SectionName).Get<ReverseProxyOptions>() ?? new ReverseProxyOptions();

    public static IServiceCollection AddMusicSiteReverseProxy(this IServiceCollection services, IConfiguration configuration)
    {
        var proxy = Read(configuration);
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Only what is configured: not the framework's default of trusting loopback.
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var address in proxy.KnownProxies)
            {
                options.KnownProxies.Add(IPAddress.TryParse(address.Trim(), out var ip)
                    ? ip
                    : throw new InvalidOperationException($"ReverseProxy:KnownProxies: '{address}' is not an IP address."));
            }
            foreach (var network in proxy.KnownNetworks)
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(network.Trim(), out var parsed)
                    ? parsed
                    : throw new InvalidOperationException($"ReverseProxy:KnownNetworks: '{network}' is not a network such as 10.0.0.0/8."));
            }
        });
        return services;
    }

    public static IApplicationBuilder UseMusicSiteReverseProxy(this IApplicationBuilder app, IConfiguration configuration) =>
        Read(configuration).Enabled ? app.UseForwardedHeaders() : app;
}
