using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using MusicSite.Accounts;
using MusicSite.Data;
using MusicSite.Hosting;
using MusicSite.Media;
using Quartz;

namespace MusicSite.Web.Health;

/// <summary>/healthz: the database, ffmpeg and ffprobe, the job scheduler, free disk and the last backup, as JSON
/// (details for admins). /admin/health shows the same report to people.</summary>
public static class HealthSetup
{
    public static IServiceCollection AddMusicSiteHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database")
            .AddTypeActivatedCheck<MediaToolHealthCheck>("ffmpeg", "ffmpeg")
            .AddTypeActivatedCheck<MediaToolHealthCheck>("ffprobe", "ffprobe")
            .AddCheck<SchedulerHealthCheck>("scheduler")
            .AddCheck<DiskHealthCheck>("disk")
            .AddCheck<BackupHealthCheck>("backup");
        return services;
    }

    public static IEndpointConventionBuilder MapMusicSiteHealth(this IEndpointRouteBuilder app) =>
        app.MapHealthChecks("/healthz", new HealthCheckOptions { ResponseWriter = WriteJsonAsync })
            .WithName("Health");

    /// <summary>The status alone for anyone (a load balancer needs no more); each check's details (paths, tool
    /// versions, free disk, migrations) only for admins, since they map the machine for an attacker.</summary>
    private static Task WriteJsonAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        object body = context.User.AsViewer().IsAdmin
            ? new
            {
                status = report.Status.ToString(),
                durationMs = Math.Round(report.TotalDuration.TotalMilliseconds, 1),
                checks = report.Entries.ToDictionary(e => e.Key, e => new
                {
                    status = e.Value.Status.ToString(),
                    description = e.Value.Description,
                    durationMs = Math.Round(e.Value.Duration.TotalMilliseconds, 1),
                    data = e.Value.Data,
                }),
            }
            : new { status = report.Status.ToString() };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, JsonSerializerOptions.Web));
    }
}

internal sealed class DatabaseHealthCheck(MusicSiteDbContext db, IOptions<MusicSiteOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken)
    {
        try
        {
            var applied = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).Count();
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
            var file = options.Value.Paths.Database;
            var data = new Dictionary<string, object>
            {
                ["appliedMigrations"] = applied,
                ["pendingMigrations"] = pending,
                ["databaseBytes"] = SizeOf(file),
                ["walBytes"] = SizeOf(file + "-wal"),
            };
            return pending == 0
                ? HealthCheckResult.Healthy("SQLite answers and the schema is current.", data)
                : HealthCheckResult.Unhealthy($"{pending} migration(s) not applied.", data: data);
        }
        catch (Exception ex) when (ex is Microsoft.Data.Sqlite.SqliteException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy("The database cannot be read.", ex);
        }
    }

    private static long SizeOf(string path) => File.Exists(path) ? new FileInfo(path).Length : 0;
}

internal sealed class MediaToolHealthCheck(string tool, FfmpegRunner runner) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken)
    {
        var version = await runner.GetVersionAsync(tool, cancellationToken);
        return version is null
            ? HealthCheckResult.Unhealthy($"{tool} is not installed or does not run; uploads cannot be processed.")
            : HealthCheckResult.Healthy(version, new Dictionary<string, object> { ["version"] = version });
    }
}

internal sealed class SchedulerHealthCheck(ISchedulerFactory factory) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken)
    {
        var scheduler = await factory.GetScheduler(cancellationToken);
        var metadata = await scheduler.GetMetadata(cancellationToken);
        var data = new Dictionary<string, object>
        {
            ["name"] = metadata.SchedulerName,
            ["status"] = metadata.Status.ToString(),
            ["jobStore"] = metadata.JobStoreTypeName,
            ["persistent"] = metadata.JobStorePersistent,
            ["jobsExecuted"] = metadata.JobsExecuted,
        };
        return metadata.Status == SchedulerStatus.Running
            ? HealthCheckResult.Healthy("The job scheduler is running.", data)
            : HealthCheckResult.Unhealthy($"The job scheduler is {metadata.Status}.", data: data);
    }
}

internal sealed class DiskHealthCheck(IOptions<MusicSiteOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken)
    {
        var site = options.Value;
        var free = Admin.DiskUse.Of(site.Paths).FreeBytes;
        var data = new Dictionary<string, object>
        {
            ["path"] = site.Paths.FullRoot,
            ["freeBytes"] = free,
            ["minimumFreeBytes"] = site.MinimumFreeDiskBytes,
        };
        return Task.FromResult(free >= site.MinimumFreeDiskBytes
            ? HealthCheckResult.Healthy($"{free / (1024 * 1024)} MiB free.", data)
            : HealthCheckResult.Unhealthy($"Only {free / (1024 * 1024)} MiB free in the data directory.", data: data));
    }
}
