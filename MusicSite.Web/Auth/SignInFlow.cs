using Microsoft.AspNetCore.Identity;
using MusicSite.Accounts;

namespace MusicSite.Web.Auth;

/// <summary>Password sign-in shared by the login page and the API.</summary>
public static class SignInFlow
{
    public const string LockedOutMessage =
        "Too many failed sign-ins. The account is locked for 15 minutes, or until you reset the password.";

    // A real hash of a random password, checked when the email is unknown so that an unknown user
    // costs the same time as a wrong password and fails the same way.
    private static readonly Lazy<string> DummyHash = new(() =>
        new PasswordHasher<AppUser>().HashPassword(new AppUser(), Guid.NewGuid().ToString("N")));

    public static async Task<SignInResult> PasswordSignInAsync(SignInManager<AppUser> signIn, string email,
        string password, bool persistent)
    {
        var user = await signIn.UserManager.FindByEmailAsync(email.Trim());
        if (user is null)
        {
            new PasswordHasher<AppUser>().VerifyHashedPassword(new AppUser(), DummyHash.Value, password);
            return SignInResult.Failed;
        }
        return await signIn.PasswordSignInAsync(user, password, persistent, lockoutOnFailure: true);
    }
}
