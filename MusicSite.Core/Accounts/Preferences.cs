using Microsoft.EntityFrameworkCore;
using MusicSite.Data;
using MusicSite.Notifications;

namespace MusicSite.Accounts;

/// <summary>
/// The one reader of a user's settings: everything that mails or shows personal activity asks here.
/// A user who never saved settings has the defaults of <see cref="UserPreferences"/>.
/// </summary>
public sealed class Preferences(MusicSiteDbContext db)
{
    /// <summary>The user's settings, or the defaults (not saved) when they have none.</summary>
    public async Task<UserPreferences> GetAsync(int userId, CancellationToken cancellationToken) =>
        await db.UserPreferences.AsNoTracking().FirstOrDefaultAsync(p => p.UserId == userId, cancellationToken)
        ?? new UserPreferences { UserId = userId };

    /// <summary>The kinds of notification the user also wants by mail (empty: none, the default).</summary>
    public async Task<IReadOnlySet<NotificationKind>> MailKindsAsync(int userId, CancellationToken cancellationToken) =>
        (await db.NotificationMailChoices.AsNoTracking().Where(c => c.UserId == userId).Select(c => c.Kind)
            .ToListAsync(cancellationToken)).ToHashSet();
}
