using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using MusicSite.Hosting;

namespace MusicSite.Web.Hosting;

/// <summary>
/// The site's own public address, the one owner of it: links in mail and the same-origin check use it, and no
/// request header ever changes it. It is <c>MusicSite:PublicBaseUrl</c> when set; otherwise the first address the
/// server listens on (a wildcard such as <c>http://+:8080</c> becomes <c>localhost</c>), read once the server has
/// started; and when the server has no addresses (the in-memory test server) <see cref="FallbackBaseUrl"/>.
/// </summary>
public sealed class SiteAddress(IOptions<MusicSiteOptions> options, IServer server)
{
    /// <summary>Where <c>run.sh</c> serves the site; used only when nothing better is known.</summary>
    public const string FallbackBaseUrl = "http://localhost:5080";

    /// <summary>Scheme, host, port and any path base, without a trailing slash.</summary>
    public string BaseUrl =>
        Configured() ?? Listening() ?? FallbackBaseUrl;

    /// <summary>Whether an <c>Origin</c> header names this site: its public address, or the address the request reached.</summary>
    public bool IsOwnOrigin(string origin, HttpRequest request) =>
        OriginOf(origin) is { } asked
        && (asked == OriginOf(BaseUrl) || asked == OriginOf($"{request.Scheme}://{request.Host}"));

    /// <summary>True when mail links would point at this machine only, which nobody else can open.</summary>
    public bool IsLoopback =>
        Uri.TryCreate(BaseUrl, UriKind.Absolute, out var uri)
        && (uri.IsLoopback || string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase));

    /// <summary>Logs a warning at start when the address is a loopback one (PublicBaseUrl unset, listening on localhost).</summary>
    public void WarnIfLoopback(ILogger logger)
    {
        if (IsLoopback)
        {
            logger.LogWarning(
                "Links in account mail will point at {BaseUrl}, which only this machine can open. Set MusicSite__PublicBaseUrl to the address users reach the site at.",
                BaseUrl);
        }
    }

    private string? Configured() =>
        string.IsNullOrWhiteSpace(options.Value.PublicBaseUrl) ? null : options.Value.PublicBaseUrl.Trim().TrimEnd('/');

    private string? Listening()
    {
        var first = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        if (first is null)
        {
            return null;
        }
        // Kestrel reports wildcard bindings as written (+, *) or as the any-address; links need a host name.
        var normalized = first.Replace("://+", "://localhost", StringComparison.Ordinal)
            .Replace("://*", "://localhost", StringComparison.Ordinal);
        if (!Uri.TryCreate(normalized, UriKind.Absolute, out var uri))
        {
            return null;
        }
        var host = IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && (ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any))
            ? "localhost"
            : uri.Host;
        return new UriBuilder(uri) { Host = host }.Uri.GetLeftPart(UriPartial.Path).TrimEnd('/');
    }

    private static string? OriginOf(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri.GetLeftPart(UriPartial.Authority).ToLowerInvariant()
            : null;
}
