using Microsoft.EntityFrameworkCore;
using MusicSite.Common;
using MusicSite.Data;
using MusicSite.Notifications;

namespace MusicSite.Community;

/// <summary>
/// The words of comment notifications, written through <see cref="Notifier"/> into the caller's unit of work. They
/// name the commenter, the track and the moment, never what was written (that is another user's text).
/// </summary>
public sealed class CommentNotices(MusicSiteDbContext db, Notifier notifier)
{
    /// <summary>Tells the track's owner of a new top comment.</summary>
    public async Task CommentedAsync(CommentTarget track, int actorId, double moment, CancellationToken cancellationToken)
    {
        var actor = await NameAsync(actorId, cancellationToken);
        notifier.Add(track.UploaderId, NotificationKind.CommentReceived, actorId,
            $"{actor} commented on your track “{TextRules.ToSingleLine(track.Title)}” at {CommentRules.Clock(moment)}.",
            TrackComments(track.TrackId));
    }

    /// <summary>Tells the author of the answered comment, if they may still see the track (a private track's
    /// owner alone sees it, so nobody else is told of it).</summary>
    public async Task RepliedAsync(CommentTarget track, int answeredAuthorId, int actorId, CancellationToken cancellationToken)
    {
        if (!track.IsPublic && answeredAuthorId != track.UploaderId)
        {
            return;
        }
        var actor = await NameAsync(actorId, cancellationToken);
        notifier.Add(answeredAuthorId, NotificationKind.ReplyReceived, actorId,
            $"{actor} replied to your comment on “{TextRules.ToSingleLine(track.Title)}”.", TrackComments(track.TrackId));
    }

    private static string TrackComments(int trackId) => $"/tracks/{trackId}#comments";

    private async Task<string> NameAsync(int userId, CancellationToken cancellationToken)
    {
        var name = await db.Users.Where(u => u.Id == userId).Select(u => u.DisplayName).FirstOrDefaultAsync(cancellationToken);
        return string.IsNullOrWhiteSpace(name) ? "Someone" : TextRules.ToSingleLine(name);
    }
}
