using System.Net.Sockets;
using MusicSite.Common;

namespace MusicSite.Web.Auth;

/// <summary>The key a client is limited by when its identity is not trusted: its network address.</summary>
public static class ClientAddress
{
    /// <summary>The remote address (after forwarded headers, when the host trusts a proxy), as its
    /// <see cref="ClientNetwork"/>; an IPv6 network is written with its /64.</summary>
    public static string Of(HttpContext context)
    {
        if (context.Connection.RemoteIpAddress is not { } address)
        {
            return "unknown";
        }
        var network = ClientNetwork.Of(address);
        return network.AddressFamily == AddressFamily.InterNetworkV6 ? network + "/64" : network.ToString();
    }
}
