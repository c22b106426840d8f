using System.Text.Json;

namespace MusicSite.Notifications;

/// <summary>
/// The words that go with each kind of notification, in one place: its name in URLs, JSON and forms (kebab case,
/// <c>comment-received</c>), the description on the settings page, and the fixed subject and sentence of its mail.
/// A mail sentence holds at most the actor's cleaned display name; never anything else a person wrote.
/// </summary>
public static class NotificationKinds
{
    private sealed record Words(string Description, string Subject, string Sentence);

    /// <summary>Every kind, in the order the settings page lists them.</summary>
    public static IReadOnlyList<NotificationKind> All { get; } = Enum.GetValues<NotificationKind>();

    private static readonly Dictionary<NotificationKind, Words> Text = new()
    {
        [NotificationKind.RemixRegistered] = new("Someone registers a remix, edit or cover of one of my tracks",
            "A new version of your track", "{0} registered a track built on yours."),
        [NotificationKind.StemUsed] = new("Someone registers a track that uses one of my stems",
            "Your stem was used", "{0} registered a track that uses one of your stems."),
        [NotificationKind.ApprovalRequested] = new("A link to my work waits for my approval",
            "A link waits for your approval", "{0} asked to link their work to yours."),
        [NotificationKind.ApprovalAnswered] = new("The owner of a work I built on answers my link",
            "Your link request was answered", "{0} answered your link request."),
        [NotificationKind.RatingReceived] = new("Someone rates one of my tracks",
            "New rating of your track", "{0} rated your track."),
        [NotificationKind.ReviewReceived] = new("Someone reviews one of my tracks",
            "New review of your track", "{0} reviewed your track."),
        [NotificationKind.CommentReceived] = new("Someone comments on one of my tracks",
            "New comment on your track", "{0} commented on your track."),
        [NotificationKind.ReplyReceived] = new("Someone replies to one of my comments",
            "New reply to your comment", "{0} replied to your comment."),
        [NotificationKind.NewFollower] = new("Someone follows me",
            "You have a new follower", "{0} now follows you."),
        [NotificationKind.NewRelease] = new("An artist I follow publishes a track or album",
            "New release from an artist you follow", "{0} published a new release."),
        [NotificationKind.ProcessingFinished] = new("My upload is ready after processing",
            "Your upload is ready", "Your upload finished processing and is ready."),
        [NotificationKind.ProcessingFailed] = new("My upload could not be processed",
            "Your upload could not be processed", "Your upload could not be processed."),
        [NotificationKind.ContentModerated] = new("An admin makes one of my uploads private or removes it",
            "An admin changed one of your uploads", "An admin made one of your uploads private or removed it."),
    };

    /// <summary>The kind's name in JSON, forms and URLs: <c>comment-received</c>.</summary>
    public static string Key(NotificationKind kind) => JsonNamingPolicy.KebabCaseLower.ConvertName(kind.ToString());

    /// <summary>The kind whose <see cref="Key"/> is exactly <paramref name="key"/> (any letter case).</summary>
    public static bool TryParse(string? key, out NotificationKind kind)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(Key(candidate), key, StringComparison.OrdinalIgnoreCase))
            {
                kind = candidate;
                return true;
            }
        }
        kind = default;
        return false;
    }

    /// <summary>What the settings page says next to the kind's mail checkbox ("Mail me when …").</summary>
    public static string Description(NotificationKind kind) => Text[kind].Description;

    /// <summary>The fixed subject of the kind's mail.</summary>
    public static string MailSubject(NotificationKind kind) => Text[kind].Subject;

    /// <summary>The fixed sentence of the kind's mail, with <paramref name="actorName"/> (already cleaned) in it.</summary>
    public static string MailSentence(NotificationKind kind, string actorName) =>
        string.Format(System.Globalization.CultureInfo.InvariantCulture, Text[kind].Sentence, actorName);
}
