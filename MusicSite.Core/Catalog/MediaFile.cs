using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore;
using MusicSite.Media;

namespace MusicSite.Catalog;

/// <summary>One stored audio file of a track: the original upload or a streaming variant.</summary>
public sealed class MediaFile
{
    public int Id { get; set; }
    public int TrackId { get; set; }
    public MediaKind Kind { get; set; }
    public string Codec { get; set; } = "";
    public string ContentType { get; set; } = "";
    public int? BitrateKbps { get; set; }
    public int? SampleRate { get; set; }
    public int? Channels { get; set; }
    public long SizeBytes { get; set; }
    /// <summary>Path relative to the media root; always generated, never taken from a request.</summary>
    public string RelativePath { get; set; } = "";
    public DateTime CreatedAt { get; set; }
}

internal sealed class MediaFileConfiguration : IEntityTypeConfiguration<MediaFile>
{
    public void Configure(EntityTypeBuilder<MediaFile> builder)
    {
        builder.Property(m => m.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(m => m.Codec).HasMaxLength(40).IsRequired();
        builder.Property(m => m.ContentType).HasMaxLength(100).IsRequired();
        builder.Property(m => m.RelativePath).HasMaxLength(300).IsRequired();
        builder.HasIndex(m => new { m.TrackId, m.Kind }).IsUnique();
    }
}
