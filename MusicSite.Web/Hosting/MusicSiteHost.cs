using Microsoft.AspNetCore.DataProtection;
using MusicSite.Data;
using MusicSite.Hosting;
using MusicSite.Uploads;
using MusicSite.Web.Api;
using MusicSite.Web.Auth;
using MusicSite.Web.Components;
using MusicSite.Web.Endpoints;
using MusicSite.Web.Health;
using Quartz;

namespace MusicSite.Web.Hosting;

/// <summary>Everything Program.cs wires: services, start-up work and the request pipeline.</summary>
public static class MusicSiteHost
{
    public static WebApplicationBuilder AddMusicSite(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddMusicSiteCore(builder.Configuration);

        // Read now because these two are configured before the container exists.
        var paths = CoreServices.ReadSiteOptions(builder.Configuration).Paths;
        paths.EnsureCreated();

        // Keys live in the data directory, so a restart (or another node sharing it) keeps everyone signed in.
        services.AddDataProtection()
            .SetApplicationName("MusicSite")
            .PersistKeysToFileSystem(new DirectoryInfo(paths.Keys));

        // Jobs have a database file of their own, so Quartz's tables stay out of the EF schema and its
        // writes never wait on the catalog's.
        services.AddQuartz(quartz =>
        {
            var processing = builder.Configuration.GetSection(ProcessingOptions.SectionName).Get<ProcessingOptions>() ?? new ProcessingOptions();
            quartz.ConfigureScheduler(s => s.InstanceName = processing.SchedulerName);
            // Processing jobs are CPU-bound and each encodes its variants in parallel already.
            quartz.UseDefaultThreadPool(Environment.ProcessorCount);
            // Every run of every job, whatever its group, goes into the job-run history (/admin/jobs).
            quartz.AddJobListener<Jobs.History.JobRunRecorder>();
            quartz.UsePersistentStore(store =>
            {
                store.UseSqlite(SqliteDatabase.ConnectionString(paths.JobsDatabase));
                store.UseSystemTextJsonSerializer();
                store.ProvisionSchema();
            });
        });
        services.AddQuartzHostedService(options => options.WaitForJobsToComplete = true);

        services.AddHostedService<UploadJanitor>();
        services.AddHostedService<Notifications.MailOutboxLoop>();
        services.AddHostedService<Admin.OpsWarningLoop>();
        services.AddSingleton<Notifications.INotificationLinks, NotificationLinks>();
        services.AddMusicSiteAuth();
        services.AddMusicSiteRateLimits();
        services.AddProblemDetails(options => options.CustomizeProblemDetails = ApiProblems.Customize);
        services.AddExceptionHandler<UnexpectedExceptionHandler>();
        services.AddOpenApi();
        services.AddMusicSiteHealthChecks();
        services.AddHttpContextAccessor();
        // SecurityHeaders sends X-Frame-Options: DENY on every response; antiforgery's SAMEORIGIN would weaken it.
        services.AddAntiforgery(options =>
        {
            options.SuppressXFrameOptionsHeader = true;
            options.HeaderName = SameOriginGuard.AntiforgeryHeader;
        });
        services.AddSingleton<SiteAddress>();
        services.AddScoped<TrackResponses>();
        services.AddSingleton<Live.EventStream>();
        services.AddSingleton<StaticAssets>();
        services.AddMusicSiteCompression();
        services.AddMusicSiteStreaming(builder.Configuration);
        services.AddMusicSiteReverseProxy(builder.Configuration);
        services.AddMusicSiteCors(builder.Configuration);
        // The server's name and version tell an attacker which bugs to try.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        // The upload page's form carries the audio file; the body limit itself is set per request by UploadLimits.
        services.AddOptions<Microsoft.AspNetCore.Http.Features.FormOptions>()
            .Configure<Microsoft.Extensions.Options.IOptions<UploadOptions>>((form, uploads) =>
                form.MultipartBodyLengthLimit = UploadLimits.MaxBodyBytes(uploads.Value));
        services.AddMusicSitePageCache(builder.Configuration);
        services.AddRazorComponents();
        return builder;
    }

    public static async Task InitializeMusicSiteAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<StartupInitializer>().InitializeAsync(app.Lifetime.ApplicationStopping);
    }

    public static WebApplication UseMusicSite(this WebApplication app)
    {
        // First, so that every answer below it, errors included, carries the headers.
        app.UseMiddleware<SecurityHeaders>();
        // Outside the error handling, so it sees every answer's final status (a 500 included) and whole time.
        app.UseMiddleware<RequestTiming>();
        // Before anything reads the client's address or scheme (rate limits, the same-origin check).
        app.UseMusicSiteReverseProxy(app.Configuration);
        app.Lifetime.ApplicationStarted.Register(() => app.Services.GetRequiredService<SiteAddress>()
            .WarnIfLoopback(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("MusicSite.Web.Hosting.SiteAddress")));
        app.UseExceptionHandler();
        app.UseWhen(c => ApiProblems.IsApiRequest(c.Request), api => api.UseStatusCodePages());
        // Page errors on GET re-run as the /error page in the site layout; a failed POST cannot be re-run
        // (its form and antiforgery state are spent), so it gets a plain page instead. The re-run gets a scope of
        // its own: a page that answered 404 (NavigationManager.NotFound) has already initialised the scoped
        // NavigationManager, and the /error component needs a fresh one.
        app.UseWhen(c => !ApiProblems.IsApiRequest(c.Request) && (HttpMethods.IsGet(c.Request.Method) || HttpMethods.IsHead(c.Request.Method)),
            pages => pages.UseStatusCodePagesWithReExecute("/error/{0}", createScopeForStatusCodePages: true));
        app.UseWhen(c => !ApiProblems.IsApiRequest(c.Request) && !HttpMethods.IsGet(c.Request.Method) && !HttpMethods.IsHead(c.Request.Method),
            posts => posts.UseStatusCodePages(context => ErrorPage.WriteStatusAsync(context.HttpContext)));
        // Only the site's static text files are compressed (Compression.MimeTypes): the API, media streams and downloads
        // never go through the middleware, whose wrapper of the response body would copy every byte they send once more.
        app.UseWhen(c => !c.Request.Path.StartsWithSegments("/api"), files => files.UseResponseCompression());
        var assets = app.Services.GetRequiredService<StaticAssets>();
        app.UseStaticFiles(new StaticFileOptions { OnPrepareResponse = assets.ApplyCaching });
        // Routing after the status-code pages, so a re-executed request (/error/404) is routed afresh.
        app.UseRouting();
        app.UseMusicSiteCors(app.Configuration);
        app.UseAuthentication();
        app.UseMiddleware<SameOriginGuard>();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseMiddleware<UploadLimits>();
        app.UseAntiforgery();
        app.UseMiddleware<HtmxHistoryMiddleware>();
        app.UseMusicSitePageCache();

        app.MapOpenApi();
        app.MapMusicSiteHealth();
        app.MapAuthApi();
        app.MapGenresApi();
        app.MapGenreWritesApi();
        app.MapAdminUsersApi();
        app.MapAdminAuditApi();
        app.MapMusicGenresApi();
        app.MapTracksApi();
        app.MapPlaybackApi();
        app.MapShareLinksApi();
        app.MapAlbumsApi();
        app.MapArtworkApi();
        app.MapTusApi();
        app.MapStemWritesApi();
        app.MapStemFilesApi();
        app.MapUsersApi();
        app.MapArtistsApi();
        app.MapSocialApi();
        app.MapLikePageEndpoints();
        app.MapStemsApi();
        app.MapLineageApi();
        app.MapLineageLinksApi();
        app.MapAccountEndpoints();
        app.MapTrackPageEndpoints();
        app.MapAlbumPageEndpoints();
        app.MapFavicon();
        app.MapIconSprite();
        app.MapArtistPageEndpoints();
        app.MapNotificationsApi();
        app.MapRatingsApi();
        app.MapTrackRatingEndpoints();
        app.MapCommentsApi();
        app.MapLiveEndpoints();
        app.MapNotificationPageEndpoints();
        app.MapAdminStatsApi();
        app.MapPreferencesApi();
        app.MapRequestPageEndpoints();
        app.MapLineagePageEndpoints();
        app.MapEventsApi();
        app.MapEventPageEndpoints();
        app.MapBlogApi();
        app.MapBlogPageEndpoints();
        app.MapContactApi();
        app.MapReportsApi();
        app.MapModerationApi();
        app.MapInboxApi();
        app.MapReportPageEndpoints();
        app.MapBackupsApi();
        app.MapAdminJobsApi();
        app.MapAdminJobPageEndpoints();
        app.MapRazorComponents<App>();
        return app;
    }
}

/// <summary>
/// htmx follows redirects inside its request, so after a boosted form post the address bar would keep the
/// form's URL. Telling htmx the URL it actually landed on keeps history and reloads right.
/// </summary>
internal sealed class HtmxHistoryMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (HttpMethods.IsGet(context.Request.Method) && context.Request.Headers.ContainsKey("HX-Boosted"))
        {
            context.Response.OnStarting(() =>
            {
                if (context.Response.StatusCode == StatusCodes.Status200OK)
                {
                    context.Response.Headers["HX-Push-Url"] = context.Request.PathBase + context.Request.Path + context.Request.QueryString;
                }
                return Task.CompletedTask;
            });
        }
        return next(context);
    }
}
