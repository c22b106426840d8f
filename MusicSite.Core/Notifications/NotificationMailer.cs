using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using MusicSite.Accounts;
using MusicSite.Common;
using MusicSite.Data;

namespace MusicSite.Notifications;

/// <summary>Absolute addresses on this site for links in notification mail (the site's own address, never a
/// request's Host header).</summary>
public interface INotificationLinks
{
    /// <summary><paramref name="localPath"/> ("/tracks/12") under the site's public address.</summary>
    string Absolute(string localPath);
}

/// <summary>
/// The mail outbox: sends the notifications whose mail is pending. A mail holds only the actor's cleaned display
/// name, the kind's fixed sentence (<see cref="NotificationKinds"/>) and an absolute link; never
/// <see cref="Notification.Text"/> nor anything else a person wrote. One mail per notification.
/// Each notification is claimed (Pending → Sending) before it is mailed, so two senders never mail it twice; it ends
/// Sent, Skipped (not opted in, or no confirmed address) or Failed (the send threw; not retried).
/// </summary>
public sealed class NotificationMailer(
    MusicSiteDbContext db,
    Preferences preferences,
    IMailSender mail,
    INotificationLinks links,
    ILogger<NotificationMailer> logger)
{
    /// <summary>Longest actor name a mail shows, in text elements.</summary>
    public const int MaxNameLength = 60;

    /// <summary>Handles up to <paramref name="batchSize"/> pending notifications, oldest first; returns how many.</summary>
    public async Task<int> SendPendingAsync(int batchSize, CancellationToken cancellationToken)
    {
        var ids = await db.Notifications.AsNoTracking().Where(n => n.MailState == NotificationMailState.Pending)
            .OrderBy(n => n.Id).Select(n => n.Id).Take(batchSize).ToListAsync(cancellationToken);
        var handled = 0;
        foreach (var id in ids)
        {
            if (await ClaimAsync(id, cancellationToken))
            {
                await SetStateAsync(id, await SendAsync(id, cancellationToken), cancellationToken);
                handled++;
            }
        }
        return handled;
    }

    /// <summary>At start: a claim left by a sender that stopped mid-way is marked failed rather than sent again,
    /// since its mail may have gone out.</summary>
    public Task<int> AbandonInterruptedAsync(CancellationToken cancellationToken) =>
        db.Notifications.Where(n => n.MailState == NotificationMailState.Sending)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.MailState, NotificationMailState.Failed), cancellationToken);

    /// <summary>The actor's display name made fit for a mail: one line, without control or direction characters,
    /// at most <see cref="MaxNameLength"/> text elements; "Someone" when nothing is left.</summary>
    public static string CleanName(string? displayName)
    {
        var line = TextRules.ToSingleLine(displayName ?? "").Trim();
        var elements = StringInfo.GetTextElementEnumerator(line);
        var clean = new StringBuilder();
        for (var count = 0; elements.MoveNext(); count++)
        {
            if (count == MaxNameLength)
            {
                clean.Append('…');
                break;
            }
            clean.Append(elements.GetTextElement());
        }
        return clean.Length == 0 ? "Someone" : clean.ToString();
    }

    private async Task<bool> ClaimAsync(int id, CancellationToken cancellationToken) =>
        await db.Notifications.Where(n => n.Id == id && n.MailState == NotificationMailState.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.MailState, NotificationMailState.Sending), cancellationToken) == 1;

    private Task SetStateAsync(int id, NotificationMailState state, CancellationToken cancellationToken) =>
        // Recorded even when stopping: the mail has gone (or not) already.
        db.Notifications.Where(n => n.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.MailState, state), CancellationToken.None);

    private async Task<NotificationMailState> SendAsync(int id, CancellationToken cancellationToken)
    {
        var notification = await db.Notifications.AsNoTracking().SingleAsync(n => n.Id == id, cancellationToken);
        var recipient = await db.Users.AsNoTracking().Where(u => u.Id == notification.UserId)
            .Select(u => new { u.Email, u.EmailConfirmed }).FirstOrDefaultAsync(cancellationToken);
        if (recipient is not { EmailConfirmed: true, Email: { Length: > 0 } address }
            || !(await preferences.MailKindsAsync(notification.UserId, cancellationToken)).Contains(notification.Kind))
        {
            return NotificationMailState.Skipped;
        }
        var actorName = notification.ActorId is { } actorId
            ? await db.Users.AsNoTracking().Where(u => u.Id == actorId).Select(u => u.DisplayName).FirstOrDefaultAsync(cancellationToken)
            : null;
        try
        {
            await mail.SendAsync(address, NotificationKinds.MailSubject(notification.Kind), Body(notification, CleanName(actorName)),
                cancellationToken);
            return NotificationMailState.Sent;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Mailing notification {NotificationId} failed", id);
            return NotificationMailState.Failed;
        }
    }

    private string Body(Notification notification, string actorName)
    {
        var link = notification.Link is { } path && Notifier.IsLocalPath(path) ? path : "/notifications";
        return new StringBuilder()
            .Append(NotificationKinds.MailSentence(notification.Kind, actorName)).Append("\r\n\r\n")
            .Append("See it on MusicSite: ").Append(links.Absolute(link)).Append("\r\n\r\n")
            .Append("You get this mail because you asked for it. Choose which mail you get on your settings page: ")
            .Append(links.Absolute("/account/settings")).Append("\r\n")
            .ToString();
    }
}
