using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MusicSite.Accounts;

namespace MusicSite.Artists;

/// <summary>A slug an artist had before a rename: its address answers with a permanent redirect to the current one,
/// and no other artist may take it, so old links never lead to someone else.</summary>
public sealed class RetiredArtistSlug
{
    public string Slug { get; set; } = "";
    public int UserId { get; set; }
    public DateTime RetiredAt { get; set; }
}

internal sealed class RetiredArtistSlugConfiguration : IEntityTypeConfiguration<RetiredArtistSlug>
{
    public void Configure(EntityTypeBuilder<RetiredArtistSlug> builder)
    {
        builder.HasKey(s => s.Slug);
        builder.Property(s => s.Slug).HasMaxLength(AppUser.ArtistSlugMaxLength);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
