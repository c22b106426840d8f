using System.Net;
using System.Net.Sockets;

namespace MusicSite.Common;

/// <summary>
/// The network a client is known by when its identity is not trusted: an IPv4 address as it is, an IPv6 address
/// by its /64, since one subscriber usually holds a whole /64 and could otherwise rotate addresses freely.
/// Used for rate limits and for counting plays and downloads.
/// </summary>
public static class ClientNetwork
{
    public static IPAddress Of(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4();
        }
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address;
        }
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes);
    }
}
