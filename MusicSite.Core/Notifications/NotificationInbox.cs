using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using MusicSite.Common;
using MusicSite.Data;

namespace MusicSite.Notifications;

/// <summary>A notification as its recipient reads it. JSON spells the kind in kebab case (remix-registered).</summary>
public sealed record NotificationView(int Id, [property: JsonConverter(typeof(NotificationKindJson))] NotificationKind Kind,
    string Text, string? Link, DateTime CreatedAt, DateTime? ReadAt)
{
    public bool IsRead => ReadAt is not null;
}

/// <summary>One page of a user's notifications, newest first, with how many there are in all.</summary>
public sealed record NotificationPage(IReadOnlyList<NotificationView> Items, int Total);

internal sealed class NotificationKindJson() : JsonStringEnumConverter<NotificationKind>(JsonNamingPolicy.KebabCaseLower);

/// <summary>
/// The read side of notifications: a user's own list, unread count, and marking read. Every method takes the
/// recipient's id and touches only their rows, so another user's notification is simply not found.
/// (<c>Notifier</c> writes them.)
/// </summary>
public sealed class NotificationInbox(MusicSiteDbContext db, TimeProvider time)
{
    private IQueryable<Notification> Of(int userId) => db.Notifications.AsNoTracking().Where(n => n.UserId == userId);

    /// <summary>Newest first (ties by id, so paging is stable); <paramref name="unreadOnly"/> keeps the unread.</summary>
    public async Task<NotificationPage> ListAsync(int userId, bool unreadOnly, int page, int limit, CancellationToken cancellationToken)
    {
        var mine = Of(userId);
        if (unreadOnly)
        {
            mine = mine.Where(n => n.ReadAt == null);
        }
        var total = await mine.CountAsync(cancellationToken);
        var items = await mine.OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id)
            .Skip(Paging.Offset(page, limit)).Take(limit)
            .Select(n => new NotificationView(n.Id, n.Kind, n.Text, n.Link, n.CreatedAt, n.ReadAt))
            .ToListAsync(cancellationToken);
        return new NotificationPage(items, total);
    }

    /// <summary>How many are unread: one count on the (UserId, ReadAt) index, cheap enough for every page's header.</summary>
    public Task<int> UnreadCountAsync(int userId, CancellationToken cancellationToken) =>
        Of(userId).CountAsync(n => n.ReadAt == null, cancellationToken);

    /// <summary>Marks one of the user's notifications read (again is fine: the first reading time stays).</summary>
    public async Task<ServiceResult<NotificationView>> MarkReadAsync(int userId, int id, CancellationToken cancellationToken)
    {
        var notification = await db.Notifications.FirstOrDefaultAsync(n => n.Id == id && n.UserId == userId, cancellationToken);
        if (notification is null)
        {
            return ServiceResult<NotificationView>.Invalid("id", "No notification of yours has this id.", ErrorCodes.NotificationNotFound);
        }
        if (notification.ReadAt is null)
        {
            notification.ReadAt = time.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(cancellationToken);
        }
        return ServiceResult<NotificationView>.Ok(new NotificationView(notification.Id, notification.Kind, notification.Text,
            notification.Link, notification.CreatedAt, notification.ReadAt));
    }

    /// <summary>Marks every unread notification of the user read in one statement; returns how many changed.</summary>
    public Task<int> MarkAllReadAsync(int userId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return db.Notifications.Where(n => n.UserId == userId && n.ReadAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), cancellationToken);
    }
}
