using MusicSite.Accounts;
using MusicSite.Data;

namespace MusicSite.Admin;

/// <summary>The action names of authentication events in the audit log (area "auth").</summary>
public static class AuthActions
{
    public const string Area = "auth.";
    public const string SignIn = "auth.signin";
    public const string SignInFailed = "auth.signin_failed";
    /// <summary>A sign-in attempt met an account an admin has locked.</summary>
    public const string Lockout = "auth.lockout";
    public const string PasswordResetRequested = "auth.password_reset_requested";
    public const string PasswordReset = "auth.password_reset";
}

/// <summary>Why a sign-in failed, as the audit log says it.</summary>
public enum SignInFailure
{
    UnknownEmail,
    WrongPassword,
}

/// <summary>
/// The one writer of authentication events: sign-in success and failure, sign-ins refused by a lock, password reset
/// requests and completed resets. Each is saved at once (a sign-in changes no other row). The email a person typed
/// is recorded truncated to <see cref="TypedEmailMaxLength"/> characters; a password never is. Failed sign-ins are
/// only recorded once they are checked, so the per-address rate limit and <see cref="AccountThrottle"/> bound how
/// many reach the table; a throttled attempt is refused before it is checked and adds nothing.
/// </summary>
public sealed class AuthEvents(AuditLog audit, MusicSiteDbContext db)
{
    public const int TypedEmailMaxLength = 100;
    private const string Entity = "User";

    public Task SignedInAsync(AuditActor origin, AppUser user, string via, CancellationToken cancellationToken) =>
        SaveAsync(As(origin, user), AuthActions.SignIn, user.Id, new { email = user.Email, via }, cancellationToken);

    /// <summary>A checked, wrong sign-in: the address typed, and the account when it exists.</summary>
    public Task SignInFailedAsync(AuditActor origin, string? typedEmail, AppUser? user, string via, CancellationToken cancellationToken) =>
        SaveAsync(origin, AuthActions.SignInFailed, user?.Id,
            new { email = Typed(typedEmail), reason = Reason(user is null ? SignInFailure.UnknownEmail : SignInFailure.WrongPassword), via },
            cancellationToken);

    public Task LockedOutAsync(AuditActor origin, AppUser user, bool passwordCorrect, string via, CancellationToken cancellationToken) =>
        SaveAsync(origin, AuthActions.Lockout, user.Id,
            new { email = user.Email, lockedUntil = user.LockoutEnd?.UtcDateTime, passwordCorrect, via }, cancellationToken);

    /// <summary>A reset link was asked for (recorded whether or not the address has an account, as the answer is the same).</summary>
    public Task PasswordResetRequestedAsync(AuditActor origin, string? typedEmail, AppUser? user, CancellationToken cancellationToken) =>
        SaveAsync(origin, AuthActions.PasswordResetRequested, user?.Id,
            new { email = Typed(typedEmail), accountFound = user is not null }, cancellationToken);

    public Task PasswordResetAsync(AuditActor origin, AppUser user, CancellationToken cancellationToken) =>
        SaveAsync(As(origin, user), AuthActions.PasswordReset, user.Id, new { email = user.Email }, cancellationToken);

    public static string Reason(SignInFailure failure) => failure switch
    {
        SignInFailure.UnknownEmail => "unknown_email",
        _ => "wrong_password",
    };

    private static string? Typed(string? email) =>
        email?.Trim() is { } trimmed && trimmed.Length > TypedEmailMaxLength ? trimmed[..TypedEmailMaxLength] : email?.Trim();

    /// <summary>The person the event is about acts: their id and name, from the request's address and agent.</summary>
    private static AuditActor As(AuditActor origin, AppUser user) =>
        origin with { UserId = user.Id, Name = user.DisplayName.Length > 0 ? user.DisplayName : user.Email ?? "unknown" };

    private async Task SaveAsync(AuditActor actor, string action, int? userId, object after, CancellationToken cancellationToken)
    {
        audit.Record(actor, action, Entity, userId, null, after);
        await db.SaveChangesAsync(cancellationToken);
    }
}
