using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MusicSite.Accounts;
using MusicSite.Catalog;
using MusicSite.Media;

namespace MusicSite.Attribution;

/// <summary>
/// One separate part (drums, bass, a vocal…) of a track, uploaded by the track's owner for others to hear, download
/// and build on as its rights allow. It has its own file and goes through the same checks and processing as a
/// track: the lossless original is kept, a preview variant and a waveform are made from it.
/// </summary>
public sealed class Stem : IProcessedMedia
{
    public int Id { get; set; }
    /// <summary>The source track the stem belongs to.</summary>
    public int TrackId { get; set; }
    public Track? Track { get; set; }
    public string Name { get; set; } = "";
    public int InstrumentTypeId { get; set; }
    public InstrumentType? InstrumentType { get; set; }
    /// <summary>Taken from the track when the uploader leaves it empty.</summary>
    public string? Key { get; set; }
    /// <summary>Taken from the track when the uploader leaves it empty.</summary>
    public int? Bpm { get; set; }
    /// <summary>The stem's own license, which may differ from the track's.</summary>
    public int LicenseId { get; set; }
    public License? License { get; set; }
    public bool RemixAllowed { get; set; }
    public bool CommercialAllowed { get; set; }
    public bool AttributionRequired { get; set; } = true;
    public bool IsDownloadable { get; set; }
    public int UploaderId { get; set; }
    public AppUser? Uploader { get; set; }
    /// <summary>Folder under media/stems/ holding every file of this stem (generated).</summary>
    public string MediaFolder { get; set; } = "";
    /// <summary>The uploader's file name: display text only, never a path.</summary>
    public string? OriginalFileName { get; set; }
    public double? DurationSeconds { get; set; }
    /// <summary>Waveform peaks file relative to the media root.</summary>
    public string? WaveformPath { get; set; }
    public TrackState State { get; set; }
    public int ProcessingProgress { get; set; }
    public string? ProcessingStep { get; set; }
    public string? ProcessingError { get; set; }
    public int ProcessingAttempts { get; set; }
    public int DownloadCount { get; set; }
    public DateTime? ProcessedAt { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? DeletedAt { get; set; }
    public List<StemFile> Files { get; set; } = [];
}

/// <summary>One stored audio file of a stem: the original upload or its preview variant.</summary>
public sealed class StemFile
{
    public int Id { get; set; }
    public int StemId { get; set; }
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

internal sealed class StemConfiguration : IEntityTypeConfiguration<Stem>
{
    public void Configure(EntityTypeBuilder<Stem> builder)
    {
        builder.Property(s => s.Name).HasMaxLength(100).IsRequired();
        builder.Property(s => s.Key).HasMaxLength(4);
        builder.Property(s => s.MediaFolder).HasMaxLength(40).IsRequired();
        builder.Property(s => s.OriginalFileName).HasMaxLength(255);
        builder.Property(s => s.WaveformPath).HasMaxLength(200);
        builder.Property(s => s.State).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.ProcessingStep).HasMaxLength(40);
        builder.Property(s => s.ProcessingError).HasMaxLength(1000);
        builder.HasOne(s => s.Track).WithMany().HasForeignKey(s => s.TrackId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(s => s.InstrumentType).WithMany().HasForeignKey(s => s.InstrumentTypeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(s => s.License).WithMany().HasForeignKey(s => s.LicenseId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(s => s.Uploader).WithMany().HasForeignKey(s => s.UploaderId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(s => s.Files).WithOne().HasForeignKey(f => f.StemId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => s.TrackId);
        builder.HasIndex(s => s.InstrumentTypeId);
        builder.HasIndex(s => s.CreatedAt);
    }
}

internal sealed class StemFileConfiguration : IEntityTypeConfiguration<StemFile>
{
    public void Configure(EntityTypeBuilder<StemFile> builder)
    {
        builder.Property(f => f.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(f => f.Codec).HasMaxLength(40).IsRequired();
        builder.Property(f => f.ContentType).HasMaxLength(100).IsRequired();
        builder.Property(f => f.RelativePath).HasMaxLength(300).IsRequired();
        builder.HasIndex(f => new { f.StemId, f.Kind }).IsUnique();
    }
}
