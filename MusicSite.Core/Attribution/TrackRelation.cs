using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MusicSite.Catalog;

namespace MusicSite.Attribution;

/// <summary>How a derivative uses its original. JSON and forms spell them remix, edit, cover, mashup, sample-based.</summary>
public enum RelationKind
{
    Remix,
    Edit,
    Cover,
    Mashup,
    SampleBased,
}

/// <summary>Where a declared link stands: in force, waiting for the original owner, or refused by them.</summary>
public enum LinkStatus
{
    Approved,
    Pending,
    Declined,
}

/// <summary>
/// A declared lineage link: <see cref="DerivativeId"/> is built on <see cref="OriginalId"/>. Links form a directed
/// graph without cycles, of any depth; only approved links count in the lineage.
/// </summary>
public sealed class TrackRelation
{
    public int Id { get; set; }
    public int OriginalId { get; set; }
    public Track? Original { get; set; }
    public int DerivativeId { get; set; }
    public Track? Derivative { get; set; }
    public RelationKind Kind { get; set; }
    public LinkStatus Status { get; set; }
    /// <summary>Who declared it: the derivative's owner (or an admin).</summary>
    public int RequestedById { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>When the original's owner accepted or declined a pending link.</summary>
    public DateTime? AnsweredAt { get; set; }
}

internal sealed class TrackRelationConfiguration : IEntityTypeConfiguration<TrackRelation>
{
    public void Configure(EntityTypeBuilder<TrackRelation> builder)
    {
        builder.Property(r => r.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        builder.HasOne(r => r.Original).WithMany().HasForeignKey(r => r.OriginalId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(r => r.Derivative).WithMany().HasForeignKey(r => r.DerivativeId).OnDelete(DeleteBehavior.Cascade);
        // Both directions of the recursive walk start from an index.
        builder.HasIndex(r => new { r.OriginalId, r.DerivativeId }).IsUnique();
        builder.HasIndex(r => new { r.DerivativeId, r.Status });
        builder.HasIndex(r => new { r.OriginalId, r.Status });
    }
}
