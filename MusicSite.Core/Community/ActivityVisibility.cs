using MusicSite.Accounts;
using MusicSite.Catalog;

namespace MusicSite.Community;

/// <summary>Which of a user's activity lists a viewer may see.</summary>
public sealed record ActivityShown(bool Likes, bool Follows)
{
    public static readonly ActivityShown None = new(false, false);
}

/// <summary>
/// The one rule for showing a user's likes and follows to someone: the user themselves always; anyone else only
/// while the profile is public and that list is public too (<see cref="UserPreferences"/>, read through
/// <see cref="Preferences"/>).
/// </summary>
public sealed class ActivityVisibility(Preferences preferences)
{
    public async Task<ActivityShown> ShownToAsync(int userId, Viewer viewer, CancellationToken cancellationToken)
    {
        if (viewer.UserId == userId)
        {
            return new ActivityShown(true, true);
        }
        var settings = await preferences.GetAsync(userId, cancellationToken);
        return settings.ProfilePublic ? new ActivityShown(settings.LikesPublic, settings.FollowsPublic) : ActivityShown.None;
    }
}
