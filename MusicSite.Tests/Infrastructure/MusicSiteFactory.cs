using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MusicSite.Data;

namespace MusicSite.Tests.Infrastructure;

/// <summary>
/// The whole site in-process on its own data directory (real migrations, real SQLite, real ffmpeg), with
/// the demo seed off unless a test asks for it. Settings go in as configuration, as an operator would set them.
/// </summary>
public class MusicSiteFactory : WebApplicationFactory<Program>
{
    private readonly TempDirectory _data;
    private readonly bool _ownsData;

    public MusicSiteFactory() : this(new TempDirectory("musicsite-web"), ownsData: true)
    {
    }

    /// <summary>A site on an existing data directory, e.g. to start the same site twice.</summary>
    internal MusicSiteFactory(TempDirectory data, bool ownsData = false)
    {
        _data = data;
        _ownsData = ownsData;
    }

    public Dictionary<string, string?> Settings { get; } = new()
    {
        ["MUSICSITE_SEED"] = "none",
        // Every in-process request comes from one address, so the limits per address or user are off (0);
        // the tests of each limit set it low. The per-email account limits keep their defaults.
        ["RateLimits:AccountPermitLimit"] = "0",
        ["RateLimits:UploadsPerHour"] = "0",
        ["RateLimits:SearchesPerMinute"] = "0",
        ["RateLimits:EditsPerMinute"] = "0",
        ["RateLimits:ReadsPerMinute"] = "0",
        ["RateLimits:ContactPerHour"] = "0",
        // Test output should show failures, not every request and job.
        ["Logging:LogLevel:Default"] = "Warning",
        ["Logging:LogLevel:MusicSite"] = "Warning",
        // Without a PublicBaseUrl the in-memory site's mail links point at localhost, which is fine here.
        ["Logging:LogLevel:MusicSite.Web.Hosting.SiteAddress"] = "Error",
        // Warnings are checked when a test asks (the dashboard, the metrics API); the background loop would mail the
        // admin at a random moment of a long test (a slow machine's p95, a full disk) and upset its mail counts.
        ["Monitoring:CheckIntervalSeconds"] = "86400",
    };

    public string DataDirectory => _data.Path;

    public string MailDirectory => Path.Combine(_data.Path, "mail");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("MUSICSITE_DATA", _data.Path);
        // Quartz keeps one scheduler per name in the process: each data directory gets its own, so parallel test
        // sites never share one, and a site restarted on the same directory finds its stored jobs again.
        builder.UseSetting("Processing:SchedulerName", "MusicSite-" + Path.GetFileName(_data.Path));
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureServices(services => services.AddTransient<IStartupFilter, TestClientAddress>());
    }

    public async Task<T> WithDbAsync<T>(Func<MusicSiteDbContext, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<MusicSiteDbContext>());
    }

    public Task<int> CountAsync<TEntity>() where TEntity : class =>
        WithDbAsync(db => db.Set<TEntity>().CountAsync());

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && _ownsData)
        {
            _data.Dispose();
        }
    }
}
