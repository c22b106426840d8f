using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MusicSite.Uploads;

/// <summary>A resumable (tus) upload in progress: how long it will be, how much has arrived, whose it is.</summary>
public sealed class UploadSession
{
    /// <summary>Random, URL-safe; the last segment of the upload's URL.</summary>
    public string Id { get; set; } = "";
    public int OwnerId { get; set; }
    public long Length { get; set; }
    public long Offset { get; set; }
    /// <summary>The client's file name from Upload-Metadata: display text only.</summary>
    public string? FileName { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

internal sealed class UploadSessionConfiguration : IEntityTypeConfiguration<UploadSession>
{
    public void Configure(EntityTypeBuilder<UploadSession> builder)
    {
        builder.Property(u => u.Id).HasMaxLength(40);
        builder.Property(u => u.FileName).HasMaxLength(255);
        builder.HasIndex(u => u.UpdatedAt);
        builder.HasOne<Accounts.AppUser>().WithMany().HasForeignKey(u => u.OwnerId).OnDelete(DeleteBehavior.Cascade);
    }
}
