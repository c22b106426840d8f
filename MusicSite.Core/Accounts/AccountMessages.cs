namespace MusicSite.Accounts;

/// <summary>What the account pages and /api/auth say, word for word.</summary>
public static class AccountMessages
{
    public const string ResetLinkSent =
        "If an account exists for that address, we have sent it a link to choose a new password. The link works for a limited time.";
    public const string ResetLinkInvalid = "This reset link is invalid or has expired. Ask for a new one.";
    public const string PasswordChanged = "Your password has been changed.";
    public const string ConfirmationSent = "We have sent the confirmation link again. It may take a minute to arrive.";
    public const string AlreadyConfirmed = "Your email address is already confirmed.";
    public const string EmailConfirmed = "Thank you: your email address is confirmed.";
    public const string ConfirmationLinkInvalid = "This confirmation link is invalid or has expired.";
}
