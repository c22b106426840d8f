using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MusicSite.Notifications;
using MusicSite.Playback;

namespace MusicSite.Accounts;

public enum ThemeChoice
{
    System,
    Light,
    Dark,
}

/// <summary>A user's settings. A user without a row has the defaults (the values below), so nothing is written
/// until they save. Mail opt-ins are the rows of <see cref="NotificationMailChoice"/> (none: no mail).</summary>
public sealed class UserPreferences
{
    public int UserId { get; set; }
    public ThemeChoice Theme { get; set; } = ThemeChoice.System;
    public StreamQuality StreamQuality { get; set; } = StreamQuality.High;
    public bool ProfilePublic { get; set; } = true;
    public bool LikesPublic { get; set; } = true;
    public bool FollowsPublic { get; set; } = true;
    public DateTime UpdatedAt { get; set; }
}

/// <summary>A kind of notification the user also wants by mail.</summary>
public sealed class NotificationMailChoice
{
    public int UserId { get; set; }
    public NotificationKind Kind { get; set; }
}

internal sealed class UserPreferencesConfiguration : IEntityTypeConfiguration<UserPreferences>
{
    public void Configure(EntityTypeBuilder<UserPreferences> builder)
    {
        builder.HasKey(p => p.UserId);
        builder.Property(p => p.Theme).HasConversion<string>().HasMaxLength(10);
        builder.Property(p => p.StreamQuality).HasConversion<string>().HasMaxLength(10);
        builder.HasOne<AppUser>().WithOne().HasForeignKey<UserPreferences>(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class NotificationMailChoiceConfiguration : IEntityTypeConfiguration<NotificationMailChoice>
{
    public void Configure(EntityTypeBuilder<NotificationMailChoice> builder)
    {
        builder.HasKey(c => new { c.UserId, c.Kind });
        builder.Property(c => c.Kind).HasConversion<string>().HasMaxLength(40);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
