namespace MusicSite.Web.Components.Pages.Admin.Inbox;

/// <summary>How the inbox pages put a message's states into words (never colour alone).</summary>
public static class InboxStates
{
    public static string Read(DateTime? readAt) => readAt is null ? "Unread" : "Read";

    public static string Handled(DateTime? handledAt) => handledAt is null ? "Not handled" : "Handled";

    /// <summary>The status line after the handled form's redirect, or null when the query names no known outcome.</summary>
    public static string? Done(string? done) => done switch
    {
        "handled" => "The message is marked handled.",
        "unhandled" => "The message is marked not handled.",
        _ => null,
    };
}
