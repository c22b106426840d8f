using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MusicSite.Accounts;
using MusicSite.Artists;
using MusicSite.Catalog;
using MusicSite.Data;
using MusicSite.Genres;
using MusicSite.Jobs;
using MusicSite.Media;
using MusicSite.Playback;
using MusicSite.Seeding;
using MusicSite.Uploads;

namespace MusicSite.Hosting;

public static class CoreServices
{
    /// <summary>Options, the database and the Core services. Identity and web concerns are wired by the host.</summary>
    public static IServiceCollection AddMusicSiteCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MusicSiteOptions>()
            .Bind(configuration.GetSection(MusicSiteOptions.SectionName))
            .Configure(o => ApplyEnvironmentNames(o, configuration));
        services.AddOptions<MailOptions>().Bind(configuration.GetSection(MailOptions.SectionName));
        services.AddOptions<MediaToolOptions>().Bind(configuration.GetSection(MediaToolOptions.SectionName));
        services.AddOptions<RateLimitSettings>().Bind(configuration.GetSection(RateLimitSettings.SectionName));
        services.AddOptions<UploadOptions>().Bind(configuration.GetSection(UploadOptions.SectionName));
        services.AddOptions<ProcessingOptions>().Bind(configuration.GetSection(ProcessingOptions.SectionName));
        services.AddOptions<Notifications.NotificationMailOptions>().Bind(configuration.GetSection(Notifications.NotificationMailOptions.SectionName));
        services.AddOptions<Admin.Backups.BackupOptions>().Bind(configuration.GetSection(Admin.Backups.BackupOptions.SectionName));
        services.AddOptions<CatalogTotalsOptions>().Bind(configuration.GetSection(CatalogTotalsOptions.SectionName));
        services.AddOptions<FaultOptions>().Bind(configuration.GetSection(FaultOptions.SectionName));
        services.AddOptions<Admin.MonitoringOptions>().Bind(configuration.GetSection(Admin.MonitoringOptions.SectionName));
        services.AddSingleton<FaultPoints>();
        services.AddSingleton(TimeProvider.System);

        services.AddSingleton<Live.LiveSignals>();
        services.AddSingleton<Live.LiveChangeInterceptor>();
        services.AddSingleton<Live.ContentVersion>();
        services.AddSingleton<Live.ContentChangeInterceptor>();
        services.AddScoped<Live.LiveViews>();
        services.AddDbContext<MusicSiteDbContext>((sp, options) =>
        {
            SqliteDatabase.Configure(options, sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<MusicSiteOptions>>()
                .Value.Paths.Database);
            options.AddInterceptors(sp.GetRequiredService<Live.LiveChangeInterceptor>(), sp.GetRequiredService<Live.ContentChangeInterceptor>());
        });

        services.AddSingleton<FfmpegRunner>();
        services.AddSingleton<MediaProber>();
        services.AddSingleton<ImageNormalizer>();
        services.AddSingleton<LoudnessAnalyzer>();
        services.AddSingleton<VariantEncoder>();
        services.AddSingleton<WaveformBuilder>();
        services.AddSingleton<ArtworkExtractor>();
        services.AddSingleton<ArtworkStore>();
        services.AddScoped<AudioPipeline>();
        services.AddScoped<TrackProcessingQueue>();
        services.AddScoped<ProcessTrackJob>();
        services.AddScoped<TrackCleanupQueue>();
        services.AddScoped<TrackCleanupJob>();
        services.AddSingleton<UploadStaging>();
        services.AddScoped<TrackUploadService>();
        services.AddScoped<AudioIntake>();
        services.AddScoped<Attribution.StemFields>();
        services.AddScoped<Attribution.StemUploadService>();
        services.AddScoped<StemPipeline>();
        services.AddScoped<StemProcessingQueue>();
        services.AddScoped<ProcessStemJob>();
        services.AddScoped<StemCleanupQueue>();
        services.AddScoped<StemCleanupJob>();
        services.AddScoped<Jobs.History.JobRunHistory>();
        services.AddScoped<Jobs.History.JobOverview>();
        services.AddScoped<Jobs.History.JobControl>();
        services.AddScoped<Jobs.History.ProcessingStop>();
        services.AddScoped<Attribution.StemEditor>();
        services.AddScoped<Attribution.StemFileSource>();
        services.AddScoped<Attribution.StemArchive>();
        services.AddScoped<Attribution.StemSourceCredits>();
        services.AddScoped<CatalogLookups>();
        services.AddScoped<TrackEditor>();
        services.AddScoped<TrackStatistics>();
        services.AddScoped<ArtistStats>();
        services.AddScoped<AlbumService>();
        services.AddScoped<TrackArtwork>();
        services.AddScoped<ShareLinks>();
        services.AddScoped<Notifications.NotificationInbox>();
        services.AddScoped<ResumableUploads>();
        services.AddSingleton<UploadLocks>();
        services.AddSingleton<IMailSender, MailSender>();
        services.AddSingleton<AccountThrottle>();
        services.AddScoped<AccountService>();
        services.AddScoped<AccountBootstrap>();
        services.AddScoped<TrackCatalog>();
        services.AddScoped<Attribution.StemCatalog>();
        services.AddScoped<Attribution.StemDirectory>();
        services.AddScoped<Attribution.Lineage>();
        services.AddScoped<Attribution.LineageRegistry>();
        services.AddScoped<Attribution.LineageRequests>();
        services.AddScoped<Attribution.LineageSources>();
        services.AddScoped<Notifications.Notifier>();
        services.AddScoped<Community.CommentNotices>();
        services.AddScoped<Community.Comments>();
        services.AddScoped<Preferences>();
        services.AddScoped<Community.Likes>();
        services.AddScoped<Community.Follows>();
        services.AddScoped<Community.Feed>();
        services.AddScoped<Community.ActivityVisibility>();
        services.AddScoped<Notifications.NotificationMailer>();
        services.AddScoped<Notifications.ReleaseNotices>();
        services.AddScoped<Community.Ratings>();
        services.AddScoped<Community.RatingBoard>();
        services.AddScoped<ArtistSlugs>();
        services.AddScoped<ArtistDirectory>();
        services.AddScoped<Showcase>();
        services.AddSingleton<ShowcaseCache>();
        services.AddScoped<CatalogSearch>();
        services.AddScoped<CatalogCounters>();
        services.AddScoped<CatalogTotals>();
        services.AddScoped<PlayCounter>();
        services.AddScoped<DownloadService>();
        services.AddScoped<GenreDirectory>();
        services.AddScoped<GenreCounts>();
        services.AddScoped<GenreShowcase>();
        services.AddScoped<GenreCuration>();
        services.AddScoped<GenreCurationView>();
        services.AddScoped<MusicGenres>();
        services.AddScoped<GenreListings>();
        services.AddScoped<RelatedGenres>();
        services.AddScoped<PopularGenres>();
        services.AddScoped<Admin.AuditLog>();
        services.AddScoped<Admin.SiteFigures>();
        services.AddScoped<Admin.SiteCharts>();
        services.AddSingleton<Admin.RequestMetrics>();
        services.AddScoped<Admin.OpsMetrics>();
        services.AddScoped<Admin.OpsWarnings>();
        services.AddSingleton<DataDirectoryLock>();
        services.AddSingleton<Admin.Backups.BackupGate>();
        services.AddSingleton<Admin.Backups.BackupStore>();
        services.AddScoped<Admin.Backups.BackupMaker>();
        services.AddScoped<Admin.Backups.BackupJob>();
        services.AddScoped<Admin.Backups.BackupSchedule>();
        services.AddScoped<Admin.Backups.BackupMonitor>();
        services.AddScoped<Admin.AuthEvents>();
        services.AddScoped<Admin.AdminGuard>();
        services.AddScoped<Admin.UserAdministration>();
        services.AddScoped<Admin.UserDeletion>();
        services.AddScoped<Blog.BlogPosts>();
        services.AddScoped<Blog.BlogEditor>();
        services.AddScoped<Contact.ContactDesk>();
        services.AddScoped<Contact.ContactInbox>();
        services.AddScoped<Moderation.ContentReports>();
        services.AddScoped<Moderation.ReportDesk>();
        services.AddScoped<Moderation.ContentModeration>();
        services.AddScoped<Moderation.RecentContent>();
        services.AddScoped<Events.EventQueries>();
        services.AddScoped<Events.EventService>();
        services.AddScoped<EventSeeds>();
        services.AddScoped<StreamSource>();
        services.AddScoped<DemoAudioRenderer>();
        services.AddScoped<Seeder>();
        services.AddScoped<OrphanMediaSweep>();
        services.AddScoped<StartupInitializer>();
        return services;
    }

    /// <summary>The site options as configuration gives them, for the few host settings needed before the
    /// container is built (data-protection keys, the jobs database).</summary>
    public static MusicSiteOptions ReadSiteOptions(IConfiguration configuration)
    {
        var options = configuration.GetSection(MusicSiteOptions.SectionName).Get<MusicSiteOptions>() ?? new MusicSiteOptions();
        ApplyEnvironmentNames(options, configuration);
        return options;
    }

    /// <summary>The documented MUSICSITE_* variables win over the appsettings section.</summary>
    private static void ApplyEnvironmentNames(MusicSiteOptions options, IConfiguration configuration)
    {
        if (configuration["MUSICSITE_DATA"] is { Length: > 0 } data)
        {
            options.DataDirectory = data;
        }
        if (configuration["MUSICSITE_SEED"] is { Length: > 0 } seed)
        {
            options.Seed = seed;
        }
        if (configuration["MUSICSITE_ADMIN_EMAIL"] is { Length: > 0 } email)
        {
            options.AdminEmail = email;
        }
        if (configuration["MUSICSITE_ADMIN_PASSWORD"] is { Length: > 0 } password)
        {
            options.AdminPassword = password;
        }
    }
}
