using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using MusicSite.Accounts;
using MusicSite.Common;
using MusicSite.Data;

namespace MusicSite.Contact;

/// <summary>What a visitor sends through the contact form. <see cref="Website"/> is the honeypot: a field people
/// never see, which only robots fill in.</summary>
public sealed record ContactInput(string? Name, string? Email, string? Subject, string? Message, string? Website = null);

/// <summary>Who sent it, as the web edge saw the request.</summary>
public sealed record ContactSender(int? UserId, string? ClientAddress, string? UserAgent);

/// <summary>The outcome of a submission that was not refused: stored, or quietly dropped as spam.</summary>
public sealed record ContactReceipt(int? MessageId, bool Discarded);

/// <summary>
/// The contact form's rules (decision 0033): fields checked, a filled honeypot answered like success but stored and
/// mailed nowhere, the message stored with the sender's address and user agent, and every admin with a confirmed
/// address told by mail that a message arrived: a fixed sentence and the inbox link, never the visitor's words (the
/// mail cannot carry spam or a phishing link on the site's behalf). A mail that fails is logged; the message stays.
/// The rate limit is the web edge's (RateLimits.Contact).
/// </summary>
public sealed class ContactDesk(MusicSiteDbContext db, UserManager<AppUser> users, IMailSender mail, TimeProvider clock,
    ILogger<ContactDesk> logger)
{
    /// <summary>Where admins read the messages.</summary>
    public const string InboxPath = "/admin/inbox";
    public const string MailSubject = "New message through the MusicSite contact form";

    public static string MailBody(string inboxUrl) =>
        $"Someone sent a message through the MusicSite contact form.\n\nRead it in the admin inbox:\n\n{inboxUrl}\n";

    public async Task<ServiceResult<ContactReceipt>> SubmitAsync(ContactInput input, ContactSender sender, string inboxUrl,
        CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(input.Website))
        {
            logger.LogInformation("A contact message with its honeypot filled was dropped");
            return ServiceResult<ContactReceipt>.Ok(new ContactReceipt(null, Discarded: true));
        }
        var errors = new FieldErrors();
        if (Check(input, errors) is not { } message)
        {
            return ServiceResult<ContactReceipt>.Invalid(errors);
        }
        message.UserId = sender.UserId;
        message.ClientAddress = Truncate(sender.ClientAddress, 64);
        message.UserAgent = Truncate(sender.UserAgent, Admin.AuditEntry.UserAgentMaxLength);
        message.CreatedAt = clock.GetUtcNow().UtcDateTime;
        db.ContactMessages.Add(message);
        await db.SaveChangesAsync(cancellationToken);
        await TellAdminsAsync(inboxUrl, cancellationToken);
        return ServiceResult<ContactReceipt>.Ok(new ContactReceipt(message.Id, Discarded: false));
    }

    /// <summary>The field rules: all four required, within their lengths, one line each but the message, and an
    /// email address that can be answered.</summary>
    public static ContactMessage? Check(ContactInput input, FieldErrors errors)
    {
        var name = Required(input.Name, "name", "Give your name.", ContactMessage.NameMaxLength, errors);
        var email = Required(input.Email, "email", "Give an email address we can answer.", ContactMessage.EmailMaxLength, errors);
        var subject = Required(input.Subject, "subject", "Give the message a subject.", ContactMessage.SubjectMaxLength, errors);
        var text = input.Message?.Trim() ?? "";
        if (text.Length == 0)
        {
            errors.Add("message", "Write your message.");
        }
        else if (text.Length > ContactMessage.MessageMaxLength)
        {
            errors.Add("message", $"Use at most {ContactMessage.MessageMaxLength:N0} characters.");
        }
        TextRules.CheckSingleLine(name, "name", errors);
        TextRules.CheckSingleLine(subject, "subject", errors);
        TextRules.CheckMultiLine(text, "message", errors);
        if (email.Length > 0 && errors.For("email").Count == 0 && !AccountService.IsValidEmail(email))
        {
            errors.Add("email", "Give an email address such as name@example.com.");
        }
        return errors.Any ? null : new ContactMessage { Name = name, Email = email, Subject = subject, Message = text };
    }

    private async Task TellAdminsAsync(string inboxUrl, CancellationToken cancellationToken)
    {
        var admins = (await users.GetUsersInRoleAsync(Roles.Admin))
            .Where(u => u.EmailConfirmed && !string.IsNullOrEmpty(u.Email)).Select(u => u.Email!).Distinct().ToList();
        foreach (var address in admins)
        {
            try
            {
                await mail.SendAsync(address, MailSubject, MailBody(inboxUrl), cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "The contact-message mail to an admin could not be sent");
            }
        }
    }

    private static string Required(string? value, string field, string message, int max, FieldErrors errors)
    {
        var text = value?.Trim() ?? "";
        if (text.Length == 0)
        {
            errors.Add(field, message);
        }
        else if (text.Length > max)
        {
            errors.Add(field, $"Use at most {max} characters.");
        }
        return text;
    }

    private static string? Truncate(string? value, int max) => value is null || value.Length <= max ? value : value[..max];
}
