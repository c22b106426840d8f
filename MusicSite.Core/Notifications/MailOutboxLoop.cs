using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MusicSite.Notifications;

/// <summary>Settings of the notification mail outbox (section "NotificationMail").</summary>
public sealed class NotificationMailOptions
{
    public const string SectionName = "NotificationMail";
    /// <summary>How long the sender rests when nothing is pending; notifications wait at most this long for their mail.</summary>
    public int PollSeconds { get; set; } = 10;
    /// <summary>Notifications handled per round.</summary>
    public int BatchSize { get; set; } = 20;
}

/// <summary>Runs <see cref="NotificationMailer"/> in the background: a round of small batches until nothing is
/// pending, then a rest of <see cref="NotificationMailOptions.PollSeconds"/>.</summary>
public sealed class MailOutboxLoop(
    IServiceScopeFactory scopes,
    IOptions<NotificationMailOptions> options,
    TimeProvider time,
    ILogger<MailOutboxLoop> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var batch = Math.Max(1, settings.BatchSize);
        await RoundAsync(mailer => mailer.AbandonInterruptedAsync(stoppingToken), stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            await RoundAsync(async mailer =>
            {
                while (await mailer.SendPendingAsync(batch, stoppingToken) == batch)
                {
                }
                return 0;
            }, stoppingToken);
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(Math.Max(1, settings.PollSeconds)), time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task RoundAsync(Func<NotificationMailer, Task<int>> work, CancellationToken stoppingToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await work(scope.ServiceProvider.GetRequiredService<NotificationMailer>());
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            // A database hiccup must not stop the outbox for good; the next round tries again.
            logger.LogError(ex, "The notification mail outbox failed a round");
        }
    }
}
