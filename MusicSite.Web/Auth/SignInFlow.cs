using Microsoft.AspNetCore.Identity;
using MusicSite.Accounts;
using MusicSite.Admin;

namespace MusicSite.Web.Auth;

/// <summary>How a password sign-in ended: signed in, refused, asked to wait, or (with the right password) refused
/// because an admin locked the account.</summary>
public readonly record struct SignInOutcome(bool Succeeded, ThrottleDecision Throttle, DateTimeOffset? LockedUntil = null)
{
    public bool IsThrottled => !Throttle.IsAllowed;
    public bool IsLocked => LockedUntil is not null;
}

/// <summary>
/// Password sign-in shared by the login page and the API. Known and unknown addresses get the same answer
/// and the same work: an unknown one is checked against a real hash, and its failures are counted by
/// <see cref="AccountThrottle"/> like anyone's. Nothing here locks an account; an account an admin locked is
/// refused, and only the right password learns that it is locked. Every checked attempt lands in the audit log
/// through <see cref="AuthEvents"/>; a throttled one is refused unchecked and unrecorded.
/// </summary>
public sealed class SignInFlow(SignInManager<AppUser> signIn, AccountThrottle throttle, AuthEvents events, TimeProvider clock)
{
    public const string FailedMessage = "Email or password is incorrect.";

    // A hash of a random password in the site's hash format, checked when the email is unknown.
    private static readonly Lazy<string> UnknownUserHash = new(() =>
        new PasswordHasher<AppUser>().HashPassword(new AppUser(), Guid.NewGuid().ToString("N")));

    /// <summary>The sentence for a locked account.</summary>
    public static string LockedMessage(DateTimeOffset until) =>
        until == UserAdministration.Indefinitely
            ? "This account is locked. Contact the site to have it unlocked."
            : $"This account is locked until {until.UtcDateTime:yyyy-MM-dd HH:mm} UTC.";

    /// <summary>Signs in with the scheme the caller set on the <see cref="SignInManager{TUser}"/>.</summary>
    public async Task<SignInOutcome> PasswordSignInAsync(HttpContext context, string email, string password, bool persistent)
    {
        var clientAddress = ClientAddress.Of(context);
        var wait = throttle.CheckSignIn(email, clientAddress);
        if (!wait.IsAllowed)
        {
            return new SignInOutcome(false, wait);
        }

        var origin = context.ForAudit();
        var via = signIn.AuthenticationScheme == IdentityConstants.BearerScheme ? "api" : "page";
        var user = await signIn.UserManager.FindByEmailAsync(email.Trim());
        if (user is null)
        {
            signIn.UserManager.PasswordHasher.VerifyHashedPassword(new AppUser(), UnknownUserHash.Value, password);
        }
        var passwordRight = user is not null && await signIn.UserManager.CheckPasswordAsync(user, password);
        if (user is not null && UserAdministration.LockedUntil(user, clock.GetUtcNow()) is { } until)
        {
            await events.LockedOutAsync(origin, user, passwordRight, via, context.RequestAborted);
            if (passwordRight)
            {
                return new SignInOutcome(false, ThrottleDecision.Allowed, until);
            }
            throttle.SignInFailed(email, clientAddress);
            return new SignInOutcome(false, ThrottleDecision.Allowed);
        }
        if (!passwordRight)
        {
            throttle.SignInFailed(email, clientAddress);
            await events.SignInFailedAsync(origin, email, user, via, context.RequestAborted);
            return new SignInOutcome(false, ThrottleDecision.Allowed);
        }
        await signIn.SignInAsync(user!, persistent);
        throttle.ForgetFailures(email);
        await events.SignedInAsync(origin, user!, via, context.RequestAborted);
        return new SignInOutcome(true, ThrottleDecision.Allowed);
    }
}
