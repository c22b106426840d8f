using Microsoft.EntityFrameworkCore;
using MusicSite.Data;
using MusicSite.Notifications;

namespace MusicSite.Attribution;

/// <summary>
/// The words of lineage notifications, written through <see cref="Notifier"/> into the caller's unit of work. A work
/// is named only when it is public, so a notification never tells anyone of a private track.
/// </summary>
internal sealed class LineageNotices(MusicSiteDbContext db, Notifier notifier)
{
    /// <summary>The page where owners answer requests (the agreed route).</summary>
    private const string RequestsPage = "/me/requests";

    private static string TrackPage(int id) => $"/tracks/{id}";

    public sealed record Work(int Id, string Title, bool IsPublic, int OwnerId);

    public async Task RemixAsync(Work original, Work derivative, RelationKind kind, bool pending, int actorId, string reason,
        CancellationToken cancellationToken)
    {
        var actor = await NameAsync(actorId, cancellationToken);
        var article = kind is RelationKind.Edit ? "an" : "a";
        if (pending)
        {
            notifier.Add(original.OwnerId, NotificationKind.ApprovalRequested, actorId,
                $"{actor} asks to register {Name(derivative)} as {article} {LineageNames.Of(kind)} of your track {Name(original)}. {reason}",
                RequestsPage);
            return;
        }
        notifier.Add(original.OwnerId, NotificationKind.RemixRegistered, actorId,
            $"{actor} registered {Name(derivative)} as {article} {LineageNames.Of(kind)} of your track {Name(original)}.",
            TrackPage(derivative.IsPublic ? derivative.Id : original.Id));
    }

    public async Task StemAsync(int stemOwnerId, string stemName, Work source, Work user, bool pending, int actorId, string reason,
        CancellationToken cancellationToken)
    {
        var actor = await NameAsync(actorId, cancellationToken);
        if (pending)
        {
            notifier.Add(stemOwnerId, NotificationKind.ApprovalRequested, actorId,
                $"{actor} asks to use your stem “{stemName}” of {Name(source)} in {Name(user)}. {reason}", RequestsPage);
            return;
        }
        notifier.Add(stemOwnerId, NotificationKind.StemUsed, actorId,
            $"{actor} uses your stem “{stemName}” of {Name(source)} in {Name(user)}.",
            TrackPage(user.IsPublic ? user.Id : source.Id));
    }

    /// <summary>Tells the requester how the owner answered; the link points at the requester's own track.</summary>
    public async Task AnsweredAsync(int requesterId, int answererId, bool accepted, string what, Work derivative,
        CancellationToken cancellationToken)
    {
        var answerer = await NameAsync(answererId, cancellationToken);
        notifier.Add(requesterId, NotificationKind.ApprovalAnswered, answererId,
            $"{answerer} {(accepted ? "accepted" : "declined")} your request to build “{derivative.Title}” on {what}.",
            TrackPage(derivative.Id));
    }

    /// <summary>A work as a notification may name it.</summary>
    public static string Name(Work work) => work.IsPublic ? $"“{work.Title}”" : "a private track";

    private async Task<string> NameAsync(int userId, CancellationToken cancellationToken) =>
        await db.Users.Where(u => u.Id == userId).Select(u => u.DisplayName).FirstOrDefaultAsync(cancellationToken) ?? "Someone";
}
