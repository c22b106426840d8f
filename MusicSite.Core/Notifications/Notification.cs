using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MusicSite.Accounts;

namespace MusicSite.Notifications;

/// <summary>What a notification is about. Stored by name, so later kinds add members without a migration.</summary>
public enum NotificationKind
{
    /// <summary>Someone registered a remix (or edit, cover…) of your track.</summary>
    RemixRegistered,
    /// <summary>Someone registered that their track uses one of your stems.</summary>
    StemUsed,
    /// <summary>A link to your work waits for your approval.</summary>
    ApprovalRequested,
    /// <summary>The owner of a work you built on accepted or declined your link.</summary>
    ApprovalAnswered,
    /// <summary>Someone rated your track (without a review).</summary>
    RatingReceived,
    /// <summary>Someone reviewed your track (a rating with text).</summary>
    ReviewReceived,
    /// <summary>Someone commented on your track.</summary>
    CommentReceived,
    /// <summary>Someone replied to your comment.</summary>
    ReplyReceived,
    /// <summary>Someone followed you.</summary>
    NewFollower,
    /// <summary>An artist you follow published a track or album.</summary>
    NewRelease,
    /// <summary>Your upload finished processing and is ready.</summary>
    ProcessingFinished,
    /// <summary>Your upload could not be processed.</summary>
    ProcessingFailed,
    /// <summary>An admin made one of your uploads private or removed it.</summary>
    ContentModerated,
}

/// <summary>Whether a notification also goes out by mail. Null: not a mailed kind. The mail outbox sends Pending
/// ones after the change is saved, reading the recipient's opt-ins at that moment.</summary>
public enum NotificationMailState
{
    Pending,
    /// <summary>Claimed by a sender, which is mailing it now (so two senders never mail one notification twice).</summary>
    Sending,
    Sent,
    /// <summary>The recipient had not opted in to this kind (or has no confirmed address).</summary>
    Skipped,
    /// <summary>Sending threw; not tried again (see decision 0035). The in-app notification is there all the same.</summary>
    Failed,
}

/// <summary>An in-app message to one user, with the page it is about. The sentence is written when the event
/// happens, in words the recipient may see.</summary>
public sealed class Notification
{
    public int Id { get; set; }
    /// <summary>The recipient.</summary>
    public int UserId { get; set; }
    public AppUser? User { get; set; }
    public NotificationKind Kind { get; set; }
    /// <summary>Who caused it, when it was a person.</summary>
    public int? ActorId { get; set; }
    public string Text { get; set; } = "";
    /// <summary>A local path on this site (never an outside address).</summary>
    public string? Link { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? ReadAt { get; set; }
    public NotificationMailState? MailState { get; set; }
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        builder.Property(n => n.Kind).HasConversion<string>().HasMaxLength(40);
        builder.Property(n => n.Text).HasMaxLength(400).IsRequired();
        builder.Property(n => n.Link).HasMaxLength(300);
        builder.HasOne(n => n.User).WithMany().HasForeignKey(n => n.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(n => new { n.UserId, n.CreatedAt });
        builder.HasIndex(n => new { n.UserId, n.ReadAt });
        builder.Property(n => n.MailState).HasConversion<string>().HasMaxLength(10);
        builder.HasIndex(n => n.MailState);
    }
}
