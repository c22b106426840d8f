using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MusicSite.Catalog;

namespace MusicSite.Attribution;

/// <summary>A declared use of a stem in a track (of someone else's, or the stem owner's own). Only approved uses
/// count in the lineage; a use the stem's rights do not allow waits for its owner's answer.</summary>
public sealed class StemUsage
{
    public int Id { get; set; }
    public int StemId { get; set; }
    public Stem? Stem { get; set; }
    /// <summary>The track that uses the stem.</summary>
    public int TrackId { get; set; }
    public Track? Track { get; set; }
    public LinkStatus Status { get; set; }
    public int RequestedById { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? AnsweredAt { get; set; }
}

internal sealed class StemUsageConfiguration : IEntityTypeConfiguration<StemUsage>
{
    public void Configure(EntityTypeBuilder<StemUsage> builder)
    {
        builder.Property(u => u.Status).HasConversion<string>().HasMaxLength(20);
        builder.HasOne(u => u.Stem).WithMany().HasForeignKey(u => u.StemId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(u => u.Track).WithMany().HasForeignKey(u => u.TrackId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(u => new { u.StemId, u.TrackId }).IsUnique();
        builder.HasIndex(u => new { u.TrackId, u.Status });
    }
}
