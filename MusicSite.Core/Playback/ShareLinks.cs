using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace MusicSite.Playback;

/// <summary>
/// Signed, expiring tokens that let anyone holding the link stream one private track. The token is the
/// track id protected by the site's data-protection keys with an expiry; it cannot be forged or moved to
/// another track, and it stops working when it expires (or when the keys are rotated away).
/// </summary>
public sealed class ShareLinks(IDataProtectionProvider provider)
{
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromDays(7);

    private readonly ITimeLimitedDataProtector _protector =
        provider.CreateProtector("MusicSite.TrackShareLinks.v1").ToTimeLimitedDataProtector();

    public (string Token, DateTimeOffset ExpiresAt) Create(int trackId, TimeSpan lifetime)
    {
        var expires = DateTimeOffset.UtcNow + lifetime;
        return (_protector.Protect(trackId.ToString(CultureInfo.InvariantCulture), expires), expires);
    }

    /// <summary>True only for an unexpired token made for exactly this track.</summary>
    public bool Allows(string? token, int trackId)
    {
        if (string.IsNullOrEmpty(token))
        {
            return false;
        }
        try
        {
            return _protector.Unprotect(token, out _) == trackId.ToString(CultureInfo.InvariantCulture);
        }
        catch (CryptographicException)
        {
            // Tampered, expired, or made with keys this site no longer has.
            return false;
        }
    }
}
