using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MusicSite.Admin;

/// <summary>Runs <see cref="OpsWarnings.CheckAsync"/> every <see cref="MonitoringOptions.CheckIntervalSeconds"/>, so a
/// warning is raised and mailed even when nobody opens the dashboard. The first check waits one interval, past start-up.</summary>
public sealed class OpsWarningLoop(IServiceScopeFactory scopes, IOptions<MonitoringOptions> options, TimeProvider time,
    ILogger<OpsWarningLoop> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(Math.Max(5, options.Value.CheckIntervalSeconds));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, time, stoppingToken);
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<OpsWarnings>().CheckAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // A database hiccup must not stop the checks for good; the next round tries again.
                logger.LogError(ex, "The operations warning check failed a round");
            }
        }
    }
}
