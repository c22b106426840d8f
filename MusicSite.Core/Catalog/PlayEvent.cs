using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MusicSite.Catalog;

/// <summary>A counted play: one per listener, track and half hour. Kept (without the user) when a track or
/// account goes, so totals survive.</summary>
public sealed class PlayEvent
{
    public long Id { get; set; }
    public int TrackId { get; set; }
    /// <summary>The signed-in user, or null for anonymous listeners (and after the user is gone).</summary>
    public int? UserId { get; set; }
    /// <summary>Who listened, for de-duplication: "u:{id}", or a hash of the anonymous client.</summary>
    public string ListenerKey { get; set; } = "";
    /// <summary>The half hour of the play, in half hours since 1970.</summary>
    public long HalfHour { get; set; }
    public DateTime PlayedAt { get; set; }
}

internal sealed class PlayEventConfiguration : IEntityTypeConfiguration<PlayEvent>
{
    public void Configure(EntityTypeBuilder<PlayEvent> builder)
    {
        builder.Property(p => p.ListenerKey).HasMaxLength(80).IsRequired();
        builder.HasIndex(p => new { p.TrackId, p.ListenerKey, p.HalfHour }).IsUnique();
        builder.HasIndex(p => new { p.TrackId, p.PlayedAt });
        // The admin dashboard counts the whole site's plays in a window (migration 20261203050000).
        builder.HasIndex(p => p.PlayedAt);
    }
}
