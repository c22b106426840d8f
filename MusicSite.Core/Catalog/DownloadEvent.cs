using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MusicSite.Catalog;

/// <summary>A counted download: one per listener, track and half hour, like <see cref="PlayEvent"/>. Kept when a
/// track or account goes, so totals survive.</summary>
public sealed class DownloadEvent
{
    public long Id { get; set; }
    public int TrackId { get; set; }
    /// <summary>The signed-in user, or null for anonymous listeners.</summary>
    public int? UserId { get; set; }
    /// <summary>Who downloaded, for de-duplication: see <see cref="PlayCounter.ListenerKey"/>.</summary>
    public string ListenerKey { get; set; } = "";
    /// <summary>The half hour of the download, in half hours since 1970.</summary>
    public long HalfHour { get; set; }
    public DateTime DownloadedAt { get; set; }
}

internal sealed class DownloadEventConfiguration : IEntityTypeConfiguration<DownloadEvent>
{
    public void Configure(EntityTypeBuilder<DownloadEvent> builder)
    {
        builder.Property(d => d.ListenerKey).HasMaxLength(80).IsRequired();
        builder.HasIndex(d => new { d.TrackId, d.ListenerKey, d.HalfHour }).IsUnique();
    }
}
