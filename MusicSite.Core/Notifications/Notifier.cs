using MusicSite.Data;

namespace MusicSite.Notifications;

/// <summary>
/// The one writer of notifications. It adds them to the caller's unit of work, so a notification is saved in the
/// same transaction as the change it tells of (or not at all). Nobody is told about their own doing.
/// Every notification starts with its mail pending: the mail outbox decides after the save, from the recipient's
/// opt-ins at that moment, whether it is sent or skipped.
/// </summary>
public sealed class Notifier(MusicSiteDbContext db, TimeProvider time)
{
    public const int MaxTextLength = 400;

    /// <summary>Adds a notification for <paramref name="recipientId"/> unless they caused it themselves;
    /// <paramref name="link"/> must be a path on this site ("/tracks/12"), never an outside address.
    /// Returns the added notification, or null when none was due.</summary>
    public Notification? Add(int recipientId, NotificationKind kind, int? actorId, string text, string? link)
    {
        if (actorId == recipientId)
        {
            return null;
        }
        if (link is not null && !IsLocalPath(link))
        {
            throw new ArgumentException("A notification links to a path on this site only.", nameof(link));
        }
        var notification = new Notification
        {
            UserId = recipientId,
            Kind = kind,
            ActorId = actorId,
            Text = text.Length <= MaxTextLength ? text : text[..(MaxTextLength - 1)] + "…",
            Link = link,
            CreatedAt = time.GetUtcNow().UtcDateTime,
            MailState = NotificationMailState.Pending,
        };
        db.Notifications.Add(notification);
        return notification;
    }

    /// <summary>A path on this site: one leading slash, no scheme, no second slash or backslash that a browser
    /// would read as another host.</summary>
    public static bool IsLocalPath(string link) =>
        link.Length > 0 && link[0] == '/' && (link.Length == 1 || (link[1] != '/' && link[1] != '\\'))
        && !link.Contains('\\') && !link.Any(char.IsControl);
}
