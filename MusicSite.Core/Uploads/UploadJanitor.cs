using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MusicSite.Uploads;

/// <summary>Removes abandoned resumable uploads every hour.</summary>
public sealed class UploadJanitor(IServiceScopeFactory scopes, ILogger<UploadJanitor> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var removed = await scope.ServiceProvider.GetRequiredService<ResumableUploads>().CleanAbandonedAsync(stoppingToken);
                if (removed > 0)
                {
                    logger.LogInformation("Removed {Count} abandoned upload(s)", removed);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Cleaning abandoned uploads failed; trying again in an hour");
            }
        }
    }
}
