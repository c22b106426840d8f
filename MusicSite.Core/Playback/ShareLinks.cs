using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace MusicSite.Playback;

/// <summary>
/// Signed, expiring tokens that let anyone holding the link stream one private track. The token is the
/// track id and its expiry, protected by the site's data-protection keys; it cannot be forged or moved to
/// another track, and it stops working when it expires by the site's clock (or when the keys are rotated away).
/// </summary>
public sealed class ShareLinks(IDataProtectionProvider provider, TimeProvider clock)
{
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromDays(7);

    private readonly IDataProtector _protector = provider.CreateProtector("MusicSite.TrackShareLinks.v2");

    public (string Token, DateTimeOffset ExpiresAt) Create(int trackId, TimeSpan lifetime)
    {
        var expires = clock.GetUtcNow() + lifetime;
        var payload = string.Create(CultureInfo.InvariantCulture, $"{trackId}:{expires.ToUnixTimeMilliseconds()}");
        return (_protector.Protect(payload), expires);
    }

    /// <summary>True only for an unexpired token made for exactly this track.</summary>
    public bool Allows(string? token, int trackId)
    {
        if (string.IsNullOrEmpty(token))
        {
            return false;
        }
        string payload;
        try
        {
            payload = _protector.Unprotect(token);
        }
        catch (CryptographicException)
        {
            // Tampered, or made with keys this site no longer has.
            return false;
        }
        var parts = payload.Split(':');
        return parts.Length == 2
               && parts[0] == trackId.ToString(CultureInfo.InvariantCulture)
               && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var expires)
               && clock.GetUtcNow().ToUnixTimeMilliseconds() < expires;
    }
}
