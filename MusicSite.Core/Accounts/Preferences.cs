using Microsoft.EntityFrameworkCore;
using MusicSite.Common;
using MusicSite.Data;
using MusicSite.Notifications;
using MusicSite.Playback;

namespace MusicSite.Accounts;

/// <summary>
/// The one reader and writer of a user's settings: everything that mails or shows personal activity asks here.
/// A user who never saved settings has the defaults of <see cref="UserPreferences"/>.
/// </summary>
public sealed class Preferences(MusicSiteDbContext db, TimeProvider time)
{
    /// <summary>The user's settings, or the defaults (not saved) when they have none.</summary>
    public async Task<UserPreferences> GetAsync(int userId, CancellationToken cancellationToken) =>
        await db.UserPreferences.AsNoTracking().FirstOrDefaultAsync(p => p.UserId == userId, cancellationToken)
        ?? new UserPreferences { UserId = userId };

    /// <summary>The kinds of notification the user also wants by mail (empty: none, the default).</summary>
    public async Task<IReadOnlySet<NotificationKind>> MailKindsAsync(int userId, CancellationToken cancellationToken) =>
        (await db.NotificationMailChoices.AsNoTracking().Where(c => c.UserId == userId).Select(c => c.Kind)
            .ToListAsync(cancellationToken)).ToHashSet();

    /// <summary>Whether <paramref name="viewer"/> may see the user's profile: their bio and avatar. A private profile
    /// (<see cref="UserPreferences.ProfilePublic"/> off) shows them only to its owner and to admins; the name and
    /// the published work stay visible, since they are what was published.</summary>
    public async Task<bool> ShowsProfileToAsync(int userId, Catalog.Viewer viewer, CancellationToken cancellationToken) =>
        ProfileShown(await GetAsync(userId, cancellationToken), viewer);

    /// <summary>The rule itself, on settings already read: the owner and admins always, others while it is public.</summary>
    public static bool ProfileShown(UserPreferences settings, Catalog.Viewer viewer) =>
        viewer.UserId == settings.UserId || viewer.IsAdmin || settings.ProfilePublic;

    /// <summary>Which of <paramref name="userIds"/> keep their profile private, for lists seen by everyone.</summary>
    public async Task<IReadOnlySet<int>> PrivateProfilesAsync(IReadOnlyCollection<int> userIds, CancellationToken cancellationToken) =>
        (await db.UserPreferences.AsNoTracking().Where(p => !p.ProfilePublic && userIds.Contains(p.UserId)).Select(p => p.UserId)
            .ToListAsync(cancellationToken)).ToHashSet();

    /// <summary>The settings and the mail opt-ins together.</summary>
    public async Task<PreferencesView> ViewAsync(int userId, CancellationToken cancellationToken) =>
        new(await GetAsync(userId, cancellationToken), await MailKindsAsync(userId, cancellationToken));

    /// <summary>The name a theme or quality has in forms and JSON (<c>dark</c>, <c>lossless</c>).</summary>
    public static string Name<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();

    /// <summary>Applies <paramref name="change"/>: the settings row is written (created the first time) and the mail
    /// opt-ins replaced in one save. Unknown names are field errors and nothing is written.</summary>
    public async Task<ServiceResult<PreferencesView>> SaveAsync(int userId, PreferencesChange change, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var theme = Parse<ThemeChoice>(change.Theme, "theme", "system, light or dark", errors);
        var quality = Parse<StreamQuality>(change.StreamQuality, "streamQuality", "low, medium, high or lossless", errors);
        var mail = new Dictionary<NotificationKind, bool>();
        foreach (var (key, on) in change.Mail ?? new Dictionary<string, bool>())
        {
            if (NotificationKinds.TryParse(key, out var kind))
            {
                mail[kind] = on;
            }
            else
            {
                errors.Add("mail", "Name kinds of notification as GET /api/me/preferences lists them (comment-received, new-follower, …).");
            }
        }
        if (errors.Any)
        {
            return ServiceResult<PreferencesView>.Invalid(errors);
        }

        // Two saves at once for a user without a row both insert it; the loser reads the winner's row and applies again.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await ApplyAsync(userId, change, theme, quality, mail, cancellationToken);
                break;
            }
            catch (DbUpdateException) when (attempt == 1)
            {
                db.ChangeTracker.Clear();
            }
        }
        return ServiceResult<PreferencesView>.Ok(await ViewAsync(userId, cancellationToken));
    }

    private async Task ApplyAsync(int userId, PreferencesChange change, ThemeChoice? theme, StreamQuality? quality,
        Dictionary<NotificationKind, bool> mail, CancellationToken cancellationToken)
    {
        var row = await db.UserPreferences.FirstOrDefaultAsync(p => p.UserId == userId, cancellationToken);
        if (row is null)
        {
            row = new UserPreferences { UserId = userId };
            db.UserPreferences.Add(row);
        }
        row.Theme = theme ?? row.Theme;
        row.StreamQuality = quality ?? row.StreamQuality;
        row.ProfilePublic = change.ProfilePublic ?? row.ProfilePublic;
        row.LikesPublic = change.LikesPublic ?? row.LikesPublic;
        row.FollowsPublic = change.FollowsPublic ?? row.FollowsPublic;
        row.UpdatedAt = time.GetUtcNow().UtcDateTime;

        var current = await db.NotificationMailChoices.Where(c => c.UserId == userId).ToListAsync(cancellationToken);
        var wanted = current.Select(c => c.Kind).Where(k => !change.ReplaceMail && !mail.ContainsKey(k))
            .Concat(mail.Where(m => m.Value).Select(m => m.Key)).ToHashSet();
        db.NotificationMailChoices.RemoveRange(current.Where(c => !wanted.Contains(c.Kind)));
        db.NotificationMailChoices.AddRange(wanted.Where(k => current.All(c => c.Kind != k))
            .Select(k => new NotificationMailChoice { UserId = userId, Kind = k }));
        await db.SaveChangesAsync(cancellationToken);
    }

    private static T? Parse<T>(string? name, string field, string allowed, FieldErrors errors) where T : struct, Enum
    {
        if (name is null)
        {
            return null;
        }
        if (EnumNames.TryParse<T>(name, out var value))
        {
            return value;
        }
        errors.Add(field, $"Choose {allowed}.");
        return null;
    }
}
