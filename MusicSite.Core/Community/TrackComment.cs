using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MusicSite.Accounts;
using MusicSite.Catalog;

namespace MusicSite.Community;

/// <summary>
/// A comment pinned to a moment of a track, or a reply to one (one level deep: a reply's parent is never a reply).
/// A reply carries its parent's moment. Deleting a comment deletes its replies (the foreign key cascades).
/// <c>Tracks.CommentCount</c> counts comments and replies; SQLite triggers keep it (migration 20261202000000).
/// </summary>
public sealed class TrackComment
{
    public const int ContentMaxLength = 1000;

    public int Id { get; set; }
    public int TrackId { get; set; }
    public Track? Track { get; set; }
    public int UserId { get; set; }
    public AppUser? User { get; set; }
    public int? ParentId { get; set; }
    public TrackComment? Parent { get; set; }
    public List<TrackComment> Replies { get; set; } = [];
    /// <summary>Plain text as written (never rendered as HTML).</summary>
    public string Content { get; set; } = "";
    /// <summary>The moment in the audio, in seconds from the start: 0 ≤ t ≤ the track's duration.</summary>
    public double TimestampSeconds { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>When the author last edited it, or null if never.</summary>
    public DateTime? EditedAt { get; set; }
}

internal sealed class TrackCommentConfiguration : IEntityTypeConfiguration<TrackComment>
{
    public void Configure(EntityTypeBuilder<TrackComment> builder)
    {
        builder.Property(c => c.Content).HasMaxLength(TrackComment.ContentMaxLength).IsRequired();
        builder.HasIndex(c => new { c.TrackId, c.TimestampSeconds });
        builder.HasIndex(c => c.ParentId);
        builder.HasIndex(c => c.UserId);
        builder.HasOne(c => c.Track).WithMany().HasForeignKey(c => c.TrackId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(c => c.User).WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(c => c.Parent).WithMany(c => c.Replies).HasForeignKey(c => c.ParentId).OnDelete(DeleteBehavior.Cascade);
    }
}
