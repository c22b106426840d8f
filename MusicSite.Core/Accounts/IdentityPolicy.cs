using Microsoft.AspNetCore.Identity;

namespace MusicSite.Accounts;

/// <summary>
/// The site's account rules for ASP.NET Core Identity: unique emails, the password policy, no hard lockout
/// (sign-ins are throttled instead), and signing in before the email is confirmed. The web host and the test
/// fixtures both apply it, so what a test checks is what the site enforces.
/// </summary>
public static class IdentityPolicy
{
    public const int MinimumPasswordLength = 8;

    /// <summary>The password rule as the forms state it.</summary>
    public static readonly string PasswordHint = $"At least {MinimumPasswordLength} characters, with an upper-case letter, a lower-case letter and a digit.";

    public static void Apply(IdentityOptions options)
    {
        options.User.RequireUniqueEmail = true;

        // Length over symbols: eight characters with a digit and both cases; no symbol is required.
        options.Password.RequiredLength = MinimumPasswordLength;
        options.Password.RequireDigit = true;
        options.Password.RequireLowercase = true;
        options.Password.RequireUppercase = true;
        options.Password.RequireNonAlphanumeric = false;

        // No hard lockout: anyone could trigger it for any account. Failed sign-ins are slowed down by
        // AccountThrottle instead (docs/decisions/0011-sign-in-throttling.md).
        options.Lockout.AllowedForNewUsers = false;

        // Signing in does not wait for the email confirmation; a banner asks for it instead.
        options.SignIn.RequireConfirmedAccount = false;
        options.SignIn.RequireConfirmedEmail = false;
    }
}
