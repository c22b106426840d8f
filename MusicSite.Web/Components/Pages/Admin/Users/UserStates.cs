using MusicSite.Admin;

namespace MusicSite.Web.Components.Pages.Admin.Users;

/// <summary>An account's lock state in words, as the admin pages show it (UTC).</summary>
public static class UserStates
{
    public static string Describe(UserSummary user) =>
        !user.IsLocked ? "Active"
        : user.IsLockedIndefinitely ? "Locked until unlocked"
        : $"Locked until {user.LockedUntil!.Value.UtcDateTime:yyyy-MM-dd HH:mm} UTC";

    /// <summary>The sentence after a change, from the <c>done</c> of the redirect.</summary>
    public static string? Done(string? done) => done switch
    {
        "roles" => "The roles were changed. The person's sessions are checked again within a minute.",
        "locked" => "The account is locked. Its sessions end within a minute.",
        "unlocked" => "The account is unlocked.",
        _ => null,
    };
}
