namespace MusicSite.Web.Components.Pages.Admin.Content;

/// <summary>The moderation pages' words: the actions, and what the list says after one.</summary>
public static class ModerationWords
{
    /// <summary>The kinds of thing an admin acts on, and which actions each allows.</summary>
    public static bool Allows(string kind, string action) => (kind, action) switch
    {
        ("track" or "album", "unpublish") => true,
        ("track" or "album" or "stem" or "comment" or "rating", "delete") => true,
        _ => false,
    };

    public static string? Done(string? done) => done switch
    {
        "dismissed" => "The reports are dismissed.",
        "stale" => "Those reports were resolved already.",
        "unpublish" => "It is private now; its owner was told.",
        "delete" => "It is deleted; its files are removed in the background.",
        _ => null,
    };
}
