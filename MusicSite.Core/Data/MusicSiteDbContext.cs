using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using MusicSite.Accounts;
using MusicSite.Artists;
using MusicSite.Attribution;
using MusicSite.Catalog;
using MusicSite.Genres;
using MusicSite.Seeding;
using MusicSite.Uploads;

namespace MusicSite.Data;

public sealed class MusicSiteDbContext(DbContextOptions<MusicSiteDbContext> options)
    : IdentityDbContext<AppUser, IdentityRole<int>, int>(options)
{
    public DbSet<Genre> Genres => Set<Genre>();
    public DbSet<GenreRelation> GenreRelations => Set<GenreRelation>();
    public DbSet<GenreClosure> GenreClosure => Set<GenreClosure>();
    public DbSet<RetiredGenreSlug> RetiredGenreSlugs => Set<RetiredGenreSlug>();
    public DbSet<Admin.AuditEntry> AuditEntries => Set<Admin.AuditEntry>();
    public DbSet<Admin.OpsAlert> OpsAlerts => Set<Admin.OpsAlert>();
    public DbSet<Jobs.History.JobRun> JobRuns => Set<Jobs.History.JobRun>();
    public DbSet<License> Licenses => Set<License>();
    public DbSet<Album> Albums => Set<Album>();
    public DbSet<AlbumGenre> AlbumGenres => Set<AlbumGenre>();
    public DbSet<Track> Tracks => Set<Track>();
    public DbSet<TrackGenre> TrackGenres => Set<TrackGenre>();
    public DbSet<TrackTag> TrackTags => Set<TrackTag>();
    public DbSet<MediaFile> MediaFiles => Set<MediaFile>();
    public DbSet<PlayEvent> PlayEvents => Set<PlayEvent>();
    public DbSet<DownloadEvent> DownloadEvents => Set<DownloadEvent>();
    public DbSet<TrackChange> TrackChanges => Set<TrackChange>();
    public DbSet<Playback.ShareLink> ShareLinks => Set<Playback.ShareLink>();
    public DbSet<UploadSession> UploadSessions => Set<UploadSession>();
    public DbSet<InstrumentType> InstrumentTypes => Set<InstrumentType>();
    public DbSet<Stem> Stems => Set<Stem>();
    public DbSet<StemFile> StemFiles => Set<StemFile>();
    public DbSet<StemUsage> StemUsages => Set<StemUsage>();
    public DbSet<TrackRelation> TrackRelations => Set<TrackRelation>();
    public DbSet<Notifications.Notification> Notifications => Set<Notifications.Notification>();
    public DbSet<SeedRun> SeedRuns => Set<SeedRun>();
    public DbSet<RetiredArtistSlug> RetiredArtistSlugs => Set<RetiredArtistSlug>();
    public DbSet<Community.Rating> Ratings => Set<Community.Rating>();
    public DbSet<Community.TrackComment> TrackComments => Set<Community.TrackComment>();
    public DbSet<Community.TrackLike> TrackLikes => Set<Community.TrackLike>();
    public DbSet<Community.ArtistFollow> ArtistFollows => Set<Community.ArtistFollow>();
    public DbSet<Events.Event> Events => Set<Events.Event>();
    public DbSet<Events.EventTrack> EventTracks => Set<Events.EventTrack>();
    public DbSet<Blog.BlogPost> BlogPosts => Set<Blog.BlogPost>();
    public DbSet<Blog.BlogCategory> BlogCategories => Set<Blog.BlogCategory>();
    public DbSet<Contact.ContactMessage> ContactMessages => Set<Contact.ContactMessage>();
    public DbSet<Moderation.ContentReport> ContentReports => Set<Moderation.ContentReport>();
    public DbSet<UserPreferences> UserPreferences => Set<UserPreferences>();
    public DbSet<NotificationMailChoice> NotificationMailChoices => Set<NotificationMailChoice>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(MusicSiteDbContext).Assembly);
    }

    /// <summary>Every DateTime the site stores is UTC. SQLite keeps no kind, so values come back marked UTC here,
    /// once, and everything that writes them (JSON with its "Z", pages, mail) sees the truth.</summary>
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }
}
