using Microsoft.EntityFrameworkCore;
using MusicSite.Notifications;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Notifications;

/// <summary>Notifications written straight into a running site's database, for tests of the read side.</summary>
public static class InboxRows
{
    public static Task<int> UserIdAsync(this MusicSiteFactory site, string email) =>
        site.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());

    /// <summary>Adds a notification for <paramref name="userId"/>, <paramref name="minutesAgo"/> minutes old; returns its id.</summary>
    public static Task<int> AddNotificationAsync(this MusicSiteFactory site, int userId, string text, int minutesAgo = 0,
        string? link = "/tracks/1", bool read = false, NotificationKind kind = NotificationKind.RemixRegistered) =>
        site.WithDbAsync(async db =>
        {
            var createdAt = DateTime.UtcNow.AddMinutes(-minutesAgo);
            var notification = new Notification
            {
                UserId = userId, Kind = kind, Text = text, Link = link, CreatedAt = createdAt, ReadAt = read ? createdAt : null,
            };
            db.Notifications.Add(notification);
            await db.SaveChangesAsync();
            return notification.Id;
        });

    public static Task<DateTime?> ReadAtAsync(this MusicSiteFactory site, int notificationId) =>
        site.WithDbAsync(db => db.Notifications.Where(n => n.Id == notificationId).Select(n => n.ReadAt).SingleAsync());
}
