using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MusicSite.Catalog;

/// <summary>One field of a track changed by an edit: shown to the owner on the track page.</summary>
public sealed class TrackChange
{
    public long Id { get; set; }
    public int TrackId { get; set; }
    public int? UserId { get; set; }
    public string Field { get; set; } = "";
    public string? OldValue { get; set; }
    public string? NewValue { get; set; }
    public DateTime ChangedAt { get; set; }
}

internal sealed class TrackChangeConfiguration : IEntityTypeConfiguration<TrackChange>
{
    public void Configure(EntityTypeBuilder<TrackChange> builder)
    {
        builder.Property(c => c.Field).HasMaxLength(40).IsRequired();
        builder.Property(c => c.OldValue).HasMaxLength(2000);
        builder.Property(c => c.NewValue).HasMaxLength(2000);
        builder.HasIndex(c => new { c.TrackId, c.ChangedAt });
        builder.HasOne<Track>().WithMany().HasForeignKey(c => c.TrackId).OnDelete(DeleteBehavior.Cascade);
    }
}
