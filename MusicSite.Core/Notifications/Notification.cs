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
    }
}
