using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MusicSite.Accounts;
using MusicSite.Catalog;

namespace MusicSite.Community;

/// <summary>A listener's score of a track, 1 to 5, with an optional review. One per user and track (a unique index).</summary>
public sealed class Rating
{
    public const int MinScore = 1;
    public const int MaxScore = 5;
    public const int ReviewMaxLength = 2000;

    public int Id { get; set; }
    public int UserId { get; set; }
    public AppUser? User { get; set; }
    public int TrackId { get; set; }
    public Track? Track { get; set; }
    public int Score { get; set; }
    /// <summary>Plain text as the listener wrote it (never rendered as HTML), or null for a bare score.</summary>
    public string? Review { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

internal sealed class RatingConfiguration : IEntityTypeConfiguration<Rating>
{
    public void Configure(EntityTypeBuilder<Rating> builder)
    {
        builder.Property(r => r.Review).HasMaxLength(Rating.ReviewMaxLength);
        builder.HasIndex(r => new { r.UserId, r.TrackId }).IsUnique();
        builder.HasIndex(r => new { r.TrackId, r.UpdatedAt });
        builder.HasOne(r => r.User).WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(r => r.Track).WithMany().HasForeignKey(r => r.TrackId).OnDelete(DeleteBehavior.Cascade);
    }
}
