using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MusicSite.Accounts;
using MusicSite.Catalog;

namespace MusicSite.Events;

/// <summary>A concert, release party or other dated happening. Times are stored in UTC; <see cref="TimeZone"/> is
/// the venue's IANA zone, so the page can say the local time at the venue as well as the visitor's.</summary>
public sealed class Event
{
    public const int TitleMaxLength = 200;
    public const int DescriptionMaxLength = 4000;
    public const int VenueNameMaxLength = 200;
    public const int VenueAddressMaxLength = 300;
    public const int VenueCityMaxLength = 100;
    public const int TicketUrlMaxLength = 500;
    public const int TimeZoneMaxLength = 64;

    public int Id { get; set; }
    public string Title { get; set; } = "";
    /// <summary>Plain text (paragraphs split on blank lines when shown), never HTML.</summary>
    public string? Description { get; set; }
    public DateTime StartsAt { get; set; }
    public DateTime? EndsAt { get; set; }
    /// <summary>The venue's IANA time zone ("Europe/Berlin").</summary>
    public string TimeZone { get; set; } = "UTC";
    public string VenueName { get; set; } = "";
    public string? VenueAddress { get; set; }
    public string VenueCity { get; set; } = "";
    /// <summary>An absolute http(s) address, or null.</summary>
    public string? TicketUrl { get; set; }
    /// <summary>The artist playing (an account that publishes), or null.</summary>
    public int? ArtistId { get; set; }
    public AppUser? Artist { get; set; }
    /// <summary>Who created it (an admin or the artist); null once that account is gone.</summary>
    public int? CreatedById { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public List<EventTrack> Tracks { get; set; } = [];
}

/// <summary>A track linked to an event ("they will play this").</summary>
public sealed class EventTrack
{
    public int EventId { get; set; }
    public int TrackId { get; set; }
    public Track? Track { get; set; }
    public int Position { get; set; }
}

internal sealed class EventConfiguration : IEntityTypeConfiguration<Event>
{
    public void Configure(EntityTypeBuilder<Event> builder)
    {
        builder.Property(e => e.Title).HasMaxLength(Event.TitleMaxLength).IsRequired();
        builder.Property(e => e.Description).HasMaxLength(Event.DescriptionMaxLength);
        builder.Property(e => e.TimeZone).HasMaxLength(Event.TimeZoneMaxLength).IsRequired();
        builder.Property(e => e.VenueName).HasMaxLength(Event.VenueNameMaxLength).IsRequired();
        builder.Property(e => e.VenueAddress).HasMaxLength(Event.VenueAddressMaxLength);
        builder.Property(e => e.VenueCity).HasMaxLength(Event.VenueCityMaxLength).IsRequired();
        builder.Property(e => e.TicketUrl).HasMaxLength(Event.TicketUrlMaxLength);
        builder.HasIndex(e => e.StartsAt);
        builder.HasIndex(e => new { e.ArtistId, e.StartsAt });
        builder.HasOne(e => e.Artist).WithMany().HasForeignKey(e => e.ArtistId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(e => e.CreatedById).OnDelete(DeleteBehavior.SetNull);
        builder.HasMany(e => e.Tracks).WithOne().HasForeignKey(t => t.EventId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class EventTrackConfiguration : IEntityTypeConfiguration<EventTrack>
{
    public void Configure(EntityTypeBuilder<EventTrack> builder)
    {
        builder.HasKey(t => new { t.EventId, t.TrackId });
        builder.HasIndex(t => t.TrackId);
        builder.HasOne(t => t.Track).WithMany().HasForeignKey(t => t.TrackId).OnDelete(DeleteBehavior.Cascade);
    }
}
