using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MusicSite.Catalog;

namespace MusicSite.Playback;

/// <summary>
/// A link that lets anyone holding it hear one track, even a private one, until it expires or its owner revokes
/// it. Only a hash of the token is stored: the link itself is shown once, when it is made.
/// </summary>
public sealed class ShareLink
{
    public int Id { get; set; }
    public int TrackId { get; set; }
    /// <summary>Who made it: the uploader or an admin.</summary>
    public int? CreatedById { get; set; }
    /// <summary>SHA-256 of the token, hex: a stolen database does not hand out working links.</summary>
    public string TokenHash { get; set; } = "";
    /// <summary>The token's first characters, so the owner can tell their links apart.</summary>
    public string Hint { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? RevokedAt { get; set; }
}

internal sealed class ShareLinkConfiguration : IEntityTypeConfiguration<ShareLink>
{
    public void Configure(EntityTypeBuilder<ShareLink> builder)
    {
        builder.Property(l => l.TokenHash).HasMaxLength(64).IsRequired();
        builder.Property(l => l.Hint).HasMaxLength(8).IsRequired();
        builder.HasIndex(l => l.TokenHash).IsUnique();
        builder.HasIndex(l => l.TrackId);
        builder.HasOne<Track>().WithMany().HasForeignKey(l => l.TrackId).OnDelete(DeleteBehavior.Cascade);
    }
}
