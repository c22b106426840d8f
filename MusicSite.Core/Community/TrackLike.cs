using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MusicSite.Accounts;
using MusicSite.Catalog;

namespace MusicSite.Community;

/// <summary>A listener's heart on a track. The key (user, track) makes a like exist once; SQLite triggers keep
/// <c>Tracks.LikeCount</c> in the same transaction as the row (migration 20261202000000).</summary>
public sealed class TrackLike
{
    public int UserId { get; set; }
    public AppUser? User { get; set; }
    public int TrackId { get; set; }
    public Track? Track { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>A listener following an artist (an account that publishes). Triggers keep
/// <c>AspNetUsers.FollowerCount</c> of the artist.</summary>
public sealed class ArtistFollow
{
    public int FollowerId { get; set; }
    public AppUser? Follower { get; set; }
    public int ArtistId { get; set; }
    public AppUser? Artist { get; set; }
    public DateTime CreatedAt { get; set; }
}

internal sealed class TrackLikeConfiguration : IEntityTypeConfiguration<TrackLike>
{
    public void Configure(EntityTypeBuilder<TrackLike> builder)
    {
        builder.HasKey(l => new { l.UserId, l.TrackId });
        builder.HasIndex(l => new { l.TrackId, l.CreatedAt });
        builder.HasIndex(l => new { l.UserId, l.CreatedAt });
        builder.HasOne(l => l.User).WithMany().HasForeignKey(l => l.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(l => l.Track).WithMany().HasForeignKey(l => l.TrackId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ArtistFollowConfiguration : IEntityTypeConfiguration<ArtistFollow>
{
    public void Configure(EntityTypeBuilder<ArtistFollow> builder)
    {
        builder.HasKey(f => new { f.FollowerId, f.ArtistId });
        builder.HasIndex(f => new { f.ArtistId, f.CreatedAt });
        builder.HasOne(f => f.Follower).WithMany().HasForeignKey(f => f.FollowerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(f => f.Artist).WithMany().HasForeignKey(f => f.ArtistId).OnDelete(DeleteBehavior.Cascade);
    }
}
