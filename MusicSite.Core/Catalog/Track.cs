using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MusicSite.Accounts;
using MusicSite.Genres;
namespace MusicSite.Catalog;

public enum TrackState
{
    Pending,
    Processing,
    Ready,
    Failed,
}

public sealed class Track : IProcessedMedia
{
    public int Id { get; set; }
    public string Title { get; set; } = "";
    public string ArtistName { get; set; } = "";
    public int? AlbumId { get; set; }
    public Album? Album { get; set; }
    public int? TrackNumber { get; set; }
    public string? Description { get; set; }
    public int? Bpm { get; set; }
    public string? Key { get; set; }
    public int LicenseId { get; set; }
    public License? License { get; set; }
    public bool IsPublic { get; set; } = true;
    public bool IsDownloadable { get; set; }
    public int UploaderId { get; set; }
    public AppUser? Uploader { get; set; }
    public double? DurationSeconds { get; set; }
    /// <summary>Folder under media/tracks/ holding every file of this track (generated).</summary>
    public string MediaFolder { get; set; } = "";
    /// <summary>The uploader's file name: display text only, never a path.</summary>
    public string? OriginalFileName { get; set; }
    /// <summary>Artwork relative to the media root: uploaded, or the cover embedded in the file.</summary>
    public string? ArtworkPath { get; set; }
    public double? IntegratedLufs { get; set; }
    public double? TruePeakDbtp { get; set; }
    public double? LoudnessRangeLu { get; set; }
    /// <summary>ReplayGain 2 track gain: the change that brings the track to -18 LUFS.</summary>
    public double? ReplayGainDb { get; set; }
    /// <summary>Waveform peaks file relative to the media root.</summary>
    public string? WaveformPath { get; set; }
    public TrackState State { get; set; }
    public int ProcessingProgress { get; set; }
    public string? ProcessingStep { get; set; }
    public string? ProcessingError { get; set; }
    public int ProcessingAttempts { get; set; }
    /// <summary>Counted plays (30 s listened, one per listener and half hour); kept on the row so sorting by plays uses an index.</summary>
    public int PlayCount { get; set; }
    public int DownloadCount { get; set; }
    /// <summary>Hearts (TrackLikes rows); kept by SQLite triggers in the same transaction as the like.</summary>
    public int LikeCount { get; set; }
    /// <summary>Timed comments and replies (TrackComments rows); kept by SQLite triggers.</summary>
    public int CommentCount { get; set; }
    public DateTime? ProcessedAt { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? DeletedAt { get; set; }
    public List<TrackGenre> Genres { get; set; } = [];
    public List<TrackTag> Tags { get; set; } = [];
    public List<MediaFile> MediaFiles { get; set; } = [];
}

public sealed class TrackGenre : IGenreLink
{
    public int TrackId { get; set; }
    public int GenreId { get; set; }
    public Genre? Genre { get; set; }
}

public sealed class TrackTag
{
    public int TrackId { get; set; }
    public string Tag { get; set; } = "";
}

internal sealed class TrackConfiguration : IEntityTypeConfiguration<Track>
{
    public void Configure(EntityTypeBuilder<Track> builder)
    {
        builder.Property(t => t.Title).HasMaxLength(200).IsRequired();
        builder.Property(t => t.ArtistName).HasMaxLength(100).IsRequired();
        builder.Property(t => t.Description).HasMaxLength(2000);
        builder.Property(t => t.Key).HasMaxLength(4);
        builder.Property(t => t.State).HasConversion<string>().HasMaxLength(20);
        builder.Property(t => t.ProcessingStep).HasMaxLength(40);
        builder.Property(t => t.ProcessingError).HasMaxLength(1000);
        // Columns added to an existing table need a default in SQLite; the model states the same one.
        builder.Property(t => t.MediaFolder).HasMaxLength(40).IsRequired().HasDefaultValue("");
        builder.Property(t => t.ProcessingAttempts).HasDefaultValue(0);
        builder.Property(t => t.PlayCount).HasDefaultValue(0);
        builder.Property(t => t.DownloadCount).HasDefaultValue(0);
        builder.Property(t => t.LikeCount).HasDefaultValue(0);
        builder.Property(t => t.CommentCount).HasDefaultValue(0);
        builder.HasIndex(t => t.PlayCount);
        builder.HasIndex(t => t.Title);
        builder.HasIndex(t => t.ArtistName);
        builder.Property(t => t.OriginalFileName).HasMaxLength(255);
        builder.Property(t => t.ArtworkPath).HasMaxLength(200);
        builder.Property(t => t.WaveformPath).HasMaxLength(200);
        builder.HasOne(t => t.Album).WithMany(a => a.Tracks).HasForeignKey(t => t.AlbumId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne(t => t.License).WithMany().HasForeignKey(t => t.LicenseId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(t => t.Uploader).WithMany().HasForeignKey(t => t.UploaderId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(t => t.Genres).WithOne().HasForeignKey(g => g.TrackId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(t => t.Tags).WithOne().HasForeignKey(g => g.TrackId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(t => t.MediaFiles).WithOne().HasForeignKey(m => m.TrackId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(t => t.CreatedAt);
        builder.HasIndex(t => new { t.IsPublic, t.State, t.DeletedAt });
        // The listed catalog in each sort order (decision 0042): partial indexes on the listed state, so a page is an
        // index range read in order. Title, artist (NOCASE) and popularity (an expression) are raw SQL beside them,
        // see ListedTrackIndexes.
        foreach (var (name, key) in ListedTrackIndexes.Modelled)
        {
            builder.HasIndex([key, "Id"], name).HasFilter(ListedTrackIndexes.Filter);
        }
    }
}

internal sealed class TrackGenreConfiguration : IEntityTypeConfiguration<TrackGenre>
{
    public void Configure(EntityTypeBuilder<TrackGenre> builder)
    {
        builder.HasKey(g => new { g.TrackId, g.GenreId });
        builder.HasOne(g => g.Genre).WithMany().HasForeignKey(g => g.GenreId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class TrackTagConfiguration : IEntityTypeConfiguration<TrackTag>
{
    public void Configure(EntityTypeBuilder<TrackTag> builder)
    {
        builder.HasKey(t => new { t.TrackId, t.Tag });
        builder.Property(t => t.Tag).HasMaxLength(30);
        builder.HasIndex(t => t.Tag);
    }
}
