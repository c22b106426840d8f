using System.Net;
using System.Net.Sockets;

namespace MusicSite.Web.Auth;

/// <summary>The key a client is limited by when its identity is not trusted: its network address.</summary>
public static class ClientAddress
{
    /// <summary>
    /// The remote address (after forwarded headers, when the host trusts a proxy). An IPv6 client is keyed
    /// by its /64, since one host usually holds a whole /64 and could otherwise rotate addresses freely.
    /// </summary>
    public static string Of(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress;
        if (address is null)
        {
            return "unknown";
        }
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var bytes = address.GetAddressBytes();
            Array.Clear(bytes, 8, 8);
            return new IPAddress(bytes) + "/64";
        }
        return address.ToString();
    }
}
