using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MusicSite.Accounts;

/// <summary>A person with an account: listener, artist or admin (roles).</summary>
public sealed class AppUser : IdentityUser<int>
{
    public const int DisplayNameMaxLength = 100;
    public const int BioMaxLength = 2000;
    public const int ArtistSlugMaxLength = 80;

    public string DisplayName { get; set; } = "";
    public string? Bio { get; set; }
    /// <summary>Avatar file relative to the media root (generated name), or null.</summary>
    public string? AvatarPath { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>The artist page's address, made from the display name when first needed (ArtistSlugs), or null.</summary>
    public string? ArtistSlug { get; set; }
    /// <summary>How many accounts follow this one; kept by SQLite triggers on ArtistFollows (migration 20261202000000).</summary>
    public int FollowerCount { get; set; }
    /// <summary>When an admin deleted the account, or null. A deleted account stays as an anonymised row ("Former
    /// member") so the content it kept, and the records that name it, still have an owner; it can never sign in
    /// (UserAdministration, migration 20261203010000).</summary>
    public DateTime? DeletedAt { get; set; }

    /// <summary>The name a deleted account and the content it left behind are credited with.</summary>
    public const string FormerMemberName = "Former member";
}

public static class Roles
{
    public const string Listener = "Listener";
    public const string Artist = "Artist";
    public const string Admin = "Admin";

    public static readonly string[] All = [Listener, Artist, Admin];
}

internal sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> builder)
    {
        builder.Property(u => u.DisplayName).HasMaxLength(AppUser.DisplayNameMaxLength).IsRequired();
        builder.Property(u => u.Bio).HasMaxLength(AppUser.BioMaxLength);
        builder.Property(u => u.AvatarPath).HasMaxLength(200);
        builder.Property(u => u.ArtistSlug).HasMaxLength(AppUser.ArtistSlugMaxLength);
        builder.HasIndex(u => u.ArtistSlug).IsUnique();
        builder.Property(u => u.FollowerCount).HasDefaultValue(0);
    }
}
