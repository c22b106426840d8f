using Microsoft.AspNetCore.Identity;
using MusicSite.Accounts;

namespace MusicSite.Web.Auth;

/// <summary>How a password sign-in ended: signed in, refused, or asked to wait.</summary>
public readonly record struct SignInOutcome(bool Succeeded, ThrottleDecision Throttle)
{
    public bool IsThrottled => !Throttle.IsAllowed;
}

/// <summary>
/// Password sign-in shared by the login page and the API. Known and unknown addresses get the same answer
/// and the same work: an unknown one is checked against a real hash, and its failures are counted by
/// <see cref="AccountThrottle"/> like anyone's. Nothing here locks an account.
/// </summary>
public sealed class SignInFlow(SignInManager<AppUser> signIn, AccountThrottle throttle)
{
    public const string FailedMessage = "Email or password is incorrect.";

    // A hash of a random password in the site's hash format, checked when the email is unknown.
    private static readonly Lazy<string> UnknownUserHash = new(() =>
        new PasswordHasher<AppUser>().HashPassword(new AppUser(), Guid.NewGuid().ToString("N")));

    /// <summary>Signs in with the scheme the caller set on the <see cref="SignInManager{TUser}"/>.</summary>
    public async Task<SignInOutcome> PasswordSignInAsync(string clientAddress, string email, string password, bool persistent)
    {
        var wait = throttle.CheckSignIn(email, clientAddress);
        if (!wait.IsAllowed)
        {
            return new SignInOutcome(false, wait);
        }

        var user = await signIn.UserManager.FindByEmailAsync(email.Trim());
        if (user is null)
        {
            signIn.UserManager.PasswordHasher.VerifyHashedPassword(new AppUser(), UnknownUserHash.Value, password);
        }
        if (user is null || !(await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: false)).Succeeded)
        {
            throttle.SignInFailed(email, clientAddress);
            return new SignInOutcome(false, ThrottleDecision.Allowed);
        }
        await signIn.SignInAsync(user, persistent);
        throttle.ForgetFailures(email);
        return new SignInOutcome(true, ThrottleDecision.Allowed);
    }
}
