using MusicSite.Accounts;
using MusicSite.Catalog;

namespace MusicSite.Community;

/// <summary>Which of a user's activity lists a viewer may see.</summary>
public sealed record ActivityShown(bool Likes, bool Follows)
{
    public static readonly ActivityShown None = new(false, false);
}

/// <summary>
/// The one rule for showing a user's likes and follows to someone: the user themselves (and admins) always; anyone
/// else only while the profile is shown to them (<see cref="Preferences.ProfileShown"/>, the profile rule's owner)
/// and that list is public too (<see cref="UserPreferences"/>).
/// </summary>
public sealed class ActivityVisibility(Preferences preferences)
{
    public async Task<ActivityShown> ShownToAsync(int userId, Viewer viewer, CancellationToken cancellationToken)
    {
        if (viewer.MayManage(userId))
        {
            return new ActivityShown(true, true);
        }
        var settings = await preferences.GetAsync(userId, cancellationToken);
        return Preferences.ProfileShown(settings, viewer) ? new ActivityShown(settings.LikesPublic, settings.FollowsPublic) : ActivityShown.None;
    }
}
