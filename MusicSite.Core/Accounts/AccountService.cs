using System.Net.Mail;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MusicSite.Artists;
using MusicSite.Common;
using MusicSite.Data;
using MusicSite.Hosting;
using MusicSite.Media;

namespace MusicSite.Accounts;

/// <summary>Registration, confirmation, password reset and profile: one method per use case,
/// shared by the account pages and /api/auth.</summary>
public sealed class AccountService(
    UserManager<AppUser> users,
    MusicSiteDbContext db,
    IMailSender mail,
    IAccountLinks links,
    ImageNormalizer images,
    UploadStaging staging,
    AccountThrottle throttle,
    ArtistSlugs artistSlugs,
    IOptions<MusicSiteOptions> siteOptions,
    IOptions<MediaToolOptions> mediaOptions,
    TimeProvider clock,
    Admin.AuthEvents authEvents,
    ILogger<AccountService> logger)
{
    public const int AvatarSize = 256;

    public async Task<ServiceResult<AppUser>> RegisterAsync(RegisterInput input, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var email = input.Email?.Trim() ?? "";
        var displayName = input.DisplayName?.Trim() ?? "";
        var role = string.IsNullOrWhiteSpace(input.AccountType) ? Roles.Listener : input.AccountType.Trim();

        if (!IsValidEmail(email))
        {
            errors.Add("email", "Enter a valid email address, like name@example.com.");
        }
        ValidateDisplayName(displayName, errors);
        if (string.IsNullOrEmpty(input.Password))
        {
            errors.Add("password", "Choose a password.");
        }
        var matchedRole = new[] { Roles.Listener, Roles.Artist }
            .FirstOrDefault(r => string.Equals(r, role, StringComparison.OrdinalIgnoreCase));
        if (matchedRole is null)
        {
            errors.Add("accountType", "Account type must be Listener or Artist.");
        }
        if (errors.Any)
        {
            return ServiceResult<AppUser>.Invalid(errors);
        }
        if (throttle.TryAcquire(AccountAction.Register, email) is { IsAllowed: false } limited)
        {
            return ServiceResult<AppUser>.Limited(limited.RetryAfter!.Value);
        }

        if (await users.FindByEmailAsync(email) is not null)
        {
            return ServiceResult<AppUser>.Invalid("email", "An account with this email already exists.", ErrorCodes.EmailTaken);
        }

        var user = new AppUser
        {
            UserName = email,
            Email = email,
            DisplayName = displayName,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        var created = await users.CreateAsync(user, input.Password!);
        if (!created.Succeeded)
        {
            return ServiceResult<AppUser>.Invalid(MapIdentityErrors(created));
        }
        await users.AddToRoleAsync(user, matchedRole!);
        await SendConfirmationAsync(user, cancellationToken);
        return ServiceResult<AppUser>.Ok(user);
    }

    /// <summary>The "send the link again" of a signed-in user whose address is not confirmed yet.</summary>
    public async Task<ServiceResult<string>> ResendConfirmationAsync(int userId, CancellationToken cancellationToken)
    {
        var user = await users.Users.FirstOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null)
        {
            return ServiceResult<string>.Invalid("user", "Account not found.", ErrorCodes.NotFound);
        }
        if (user.EmailConfirmed)
        {
            return ServiceResult<string>.Ok(AccountMessages.AlreadyConfirmed);
        }
        if (throttle.TryAcquire(AccountAction.ConfirmationMail, user.Email) is { IsAllowed: false } limited)
        {
            return ServiceResult<string>.Limited(limited.RetryAfter!.Value);
        }
        await SendConfirmationAsync(user, cancellationToken);
        return ServiceResult<string>.Ok(AccountMessages.ConfirmationSent);
    }

    private async Task SendConfirmationAsync(AppUser user, CancellationToken cancellationToken)
    {
        if (user.EmailConfirmed || user.Email is null)
        {
            return;
        }
        var token = await users.GenerateEmailConfirmationTokenAsync(user);
        var link = links.ConfirmEmail(user.Id, Encode(token));
        await TrySendAsync(user.Email, "Confirm your MusicSite email",
            $"Hello {MailName(user)},\n\nConfirm your email address by opening this link:\n\n{link}\n\n" +
            "If you did not create a MusicSite account, ignore this message.\n", cancellationToken);
    }

    public async Task<bool> ConfirmEmailAsync(int userId, string? code)
    {
        var user = await users.FindByIdAsync(userId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (user is null || Decode(code) is not { } token)
        {
            return false;
        }
        if (user.EmailConfirmed)
        {
            return true;
        }
        return (await users.ConfirmEmailAsync(user, token)).Succeeded;
    }

    /// <summary>Sends a reset link when the address has an account; the answer is the same either way.</summary>
    /// <summary>Recorded in the audit log (<see cref="Admin.AuthEvents"/>) with <paramref name="origin"/>'s address and agent.</summary>
    public async Task<ServiceResult<string>> RequestPasswordResetAsync(string? email, Admin.AuditActor origin, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(email))
        {
            return ServiceResult<string>.Invalid("email", "Enter your email address.");
        }
        if (throttle.TryAcquire(AccountAction.PasswordResetRequest, email) is { IsAllowed: false } limited)
        {
            return ServiceResult<string>.Limited(limited.RetryAfter!.Value);
        }
        var user = await users.FindByEmailAsync(email.Trim());
        if (user is { Email: { } address })
        {
            await SendResetLinkAsync(user, address, cancellationToken);
        }
        await authEvents.PasswordResetRequestedAsync(origin, email, user, cancellationToken);
        return ServiceResult<string>.Ok(AccountMessages.ResetLinkSent);
    }

    private async Task SendResetLinkAsync(AppUser user, string address, CancellationToken cancellationToken)
    {
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var link = links.ResetPassword(address, Encode(token));
        await TrySendAsync(address, "Reset your MusicSite password",
            $"Hello {MailName(user)},\n\nChoose a new password by opening this link:\n\n{link}\n\n" +
            "If you did not ask for this, ignore this message: your password stays as it is.\n", cancellationToken);
    }

    /// <summary>Sets a new password with the code from a reset mail. A bad or used code is INVALID_TOKEN.</summary>
    public async Task<ServiceResult<AppUser>> ResetPasswordAsync(string? email, string? code, string? newPassword, Admin.AuditActor origin)
    {
        if (string.IsNullOrEmpty(newPassword))
        {
            return ServiceResult<AppUser>.Invalid("password", "Choose a new password.");
        }
        if (throttle.TryAcquire(AccountAction.PasswordReset, email) is { IsAllowed: false } limited)
        {
            return ServiceResult<AppUser>.Limited(limited.RetryAfter!.Value);
        }
        if (string.IsNullOrWhiteSpace(email) || await users.FindByEmailAsync(email.Trim()) is not { } user
            || Decode(code) is not { } token)
        {
            return ServiceResult<AppUser>.Invalid("code", AccountMessages.ResetLinkInvalid, ErrorCodes.InvalidToken);
        }
        var reset = await users.ResetPasswordAsync(user, token, newPassword);
        if (!reset.Succeeded)
        {
            var errors = MapIdentityErrors(reset);
            if (reset.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken)))
            {
                errors.Add("code", AccountMessages.ResetLinkInvalid);
                return ServiceResult<AppUser>.Invalid(errors, ErrorCodes.InvalidToken);
            }
            return ServiceResult<AppUser>.Invalid(errors);
        }
        // The person has proved control of the mailbox: earlier failed sign-ins no longer slow them down.
        throttle.ForgetFailures(email);
        await authEvents.PasswordResetAsync(origin, user, CancellationToken.None);
        return ServiceResult<AppUser>.Ok(user);
    }

    public async Task<ServiceResult<AppUser>> UpdateProfileAsync(int userId, ProfileInput input)
    {
        var user = await users.Users.FirstOrDefaultAsync(u => u.Id == userId);
        if (user is null)
        {
            return ServiceResult<AppUser>.Invalid("user", "Account not found.", ErrorCodes.NotFound);
        }
        var errors = new FieldErrors();
        var displayName = input.DisplayName?.Trim() ?? "";
        var bio = string.IsNullOrWhiteSpace(input.Bio) ? null : input.Bio.Trim();
        ValidateDisplayName(displayName, errors);
        if (bio is { Length: > AppUser.BioMaxLength })
        {
            errors.Add("bio", $"Bio can be at most {AppUser.BioMaxLength} characters.");
        }
        TextRules.CheckMultiLine(bio, "bio", errors);
        if (errors.Any)
        {
            return ServiceResult<AppUser>.Invalid(errors);
        }
        var updated = await SaveAsync(user, u =>
        {
            u.DisplayName = displayName;
            u.Bio = bio;
            return users.UpdateAsync(u);
        });
        if (!updated.Succeeded)
        {
            return Failed(updated);
        }
        // A new name can mean a new artist address; the old one keeps working as a redirect.
        await artistSlugs.RenameAsync(user.Id, CancellationToken.None);
        return ServiceResult<AppUser>.Ok(user);
    }

    /// <summary>
    /// Ends every sign-in of the account: a new security stamp makes each refresh token (and, at their next
    /// check, the cookies) invalid. Identity's bearer tokens carry no server state, so this is their revocation.
    /// </summary>
    public async Task<ServiceResult<AppUser>> EndSessionsAsync(int userId)
    {
        var user = await users.Users.FirstOrDefaultAsync(u => u.Id == userId);
        if (user is null)
        {
            return ServiceResult<AppUser>.Invalid("user", "Account not found.", ErrorCodes.NotFound);
        }
        var updated = await SaveAsync(user, users.UpdateSecurityStampAsync);
        return updated.Succeeded ? ServiceResult<AppUser>.Ok(user) : Failed(updated);
    }

    /// <summary>Checks an uploaded image by content, re-encodes it and makes it the user's avatar.</summary>
    public async Task<ServiceResult<AppUser>> SetAvatarAsync(int userId, Stream upload, CancellationToken cancellationToken)
    {
        var user = await users.Users.FirstOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null)
        {
            return ServiceResult<AppUser>.Invalid("user", "Account not found.", ErrorCodes.NotFound);
        }
        var paths = siteOptions.Value.Paths;
        var maxBytes = mediaOptions.Value.MaxAvatarBytes;
        StagedFile staged;
        try
        {
            // At most one byte past the cap is read: an oversized upload is never stored whole.
            staged = await staging.StageAsync(upload, maxBytes, cancellationToken);
        }
        catch (UploadTooLargeException)
        {
            return ServiceResult<AppUser>.Invalid("avatar", ImageNormalizer.Describe(ImageCheck.TooLarge, maxBytes), ErrorCodes.FileTooLarge);
        }

        using (staged)
        {
            var relative = Path.Combine("avatars", Guid.NewGuid().ToString("N") + ".jpg");
            var check = await images.NormalizeSquareAsync(staged.Path, paths.MediaPath(relative), AvatarSize, maxBytes, cancellationToken);
            if (check != ImageCheck.Ok)
            {
                return ServiceResult<AppUser>.Invalid("avatar", ImageNormalizer.Describe(check, maxBytes), ImageNormalizer.CodeFor(check));
            }

            string? previous = null;
            var updated = await SaveAsync(user, u =>
            {
                previous = u.AvatarPath;
                u.AvatarPath = relative;
                return users.UpdateAsync(u);
            });
            if (!updated.Succeeded)
            {
                File.Delete(paths.MediaPath(relative));
                return Failed(updated);
            }
            if (previous is not null)
            {
                File.Delete(paths.MediaPath(previous));
            }
            return ServiceResult<AppUser>.Ok(user);
        }
    }

    /// <summary>The stored avatar file of a user, or null when there is none.</summary>
    public async Task<string?> AvatarFileAsync(int userId, CancellationToken cancellationToken)
    {
        var relative = await users.Users.Where(u => u.Id == userId).Select(u => u.AvatarPath).FirstOrDefaultAsync(cancellationToken);
        var full = relative is null ? null : siteOptions.Value.Paths.MediaPath(relative);
        return full is not null && File.Exists(full) ? full : null;
    }

    public static bool IsValidEmail(string email) =>
        email.Length is > 3 and <= 256
        && MailAddress.TryCreate(email, out var address)
        && address.Address == email
        && address.Host.Contains('.', StringComparison.Ordinal)
        && !address.Host.StartsWith('.') && !address.Host.EndsWith('.');

    private static void ValidateDisplayName(string displayName, FieldErrors errors)
    {
        if (displayName.Length == 0)
        {
            errors.Add("displayName", "Enter a display name.");
        }
        else if (displayName.Length > AppUser.DisplayNameMaxLength)
        {
            errors.Add("displayName", $"Display name can be at most {AppUser.DisplayNameMaxLength} characters.");
        }
        TextRules.CheckSingleLine(displayName, "displayName", errors);
    }

    /// <summary>The only text of the account holder's own choosing that mail carries: the display name, on one
    /// line even if it was stored before the rule refused line breaks. Whoever registers can choose the address
    /// the mail goes to, so nothing else they wrote (bio, links) goes into a message.</summary>
    private static string MailName(AppUser user) => TextRules.ToSingleLine(user.DisplayName);

    /// <summary>
    /// Runs <paramref name="changeAndSave"/>. When another request saved the same user in between (the
    /// concurrency stamp moved), reloads the row and applies the change again: the last writer wins, as with
    /// any single edit, and nobody is told about a conflict they could do nothing about.
    /// </summary>
    private async Task<IdentityResult> SaveAsync(AppUser user, Func<AppUser, Task<IdentityResult>> changeAndSave)
    {
        for (var attempt = 1; ; attempt++)
        {
            var result = await changeAndSave(user);
            if (result.Succeeded || attempt == MaxSaveAttempts || !IsConcurrencyFailure(result))
            {
                return result;
            }
            await db.Entry(user).ReloadAsync();
        }
    }

    private const int MaxSaveAttempts = 20;

    private static bool IsConcurrencyFailure(IdentityResult result) =>
        result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.ConcurrencyFailure));

    private static ServiceResult<AppUser> Failed(IdentityResult result) =>
        IsConcurrencyFailure(result)
            ? ServiceResult<AppUser>.Invalid("account", "The account was changed by another request at the same moment. Try again.", ErrorCodes.EditConflict)
            : ServiceResult<AppUser>.Invalid(MapIdentityErrors(result));

    /// <summary>Sorts Identity's error codes into the form field they are about.</summary>
    private static FieldErrors MapIdentityErrors(IdentityResult result)
    {
        var errors = new FieldErrors();
        foreach (var error in result.Errors)
        {
            var field = error.Code switch
            {
                _ when error.Code.StartsWith("Password", StringComparison.Ordinal) => "password",
                _ when error.Code.Contains("Email", StringComparison.Ordinal) => "email",
                _ when error.Code.Contains("UserName", StringComparison.Ordinal) => "email",
                nameof(IdentityErrorDescriber.InvalidToken) => "code",
                _ => "account",
            };
            var message = error.Code == nameof(IdentityErrorDescriber.DuplicateUserName)
                ? "An account with this email already exists."
                : error.Description;
            errors.Add(field, message);
        }
        return errors;
    }

    private async Task TrySendAsync(string to, string subject, string body, CancellationToken cancellationToken)
    {
        try
        {
            await mail.SendAsync(to, subject, body, cancellationToken);
        }
        catch (Exception ex) when (ex is SmtpException or IOException or InvalidOperationException)
        {
            // The account change stands; the person can ask for the mail again from the banner.
            logger.LogError(ex, "Could not send '{Subject}' to {To}", subject, to);
        }
    }

    private static string Encode(string token) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));

    private static string? Decode(string? code)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return null;
        }
        try
        {
            return Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
