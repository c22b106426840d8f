using Microsoft.Extensions.Diagnostics.HealthChecks;
using MusicSite.Admin.Backups;

namespace MusicSite.Web.Health;

/// <summary>The last backup's time and age: Degraded when the newest backup is older than Backups:MaxAgeHours or
/// the last attempt failed (the rule is <see cref="BackupStatus"/>'s). No backup yet and no failure is healthy: the
/// first daily backup has simply not come round.</summary>
internal sealed class BackupHealthCheck(BackupMonitor monitor) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken)
    {
        var status = await monitor.GetAsync(cancellationToken);
        var data = new Dictionary<string, object> { ["maxAgeHours"] = status.MaxAge.TotalHours };
        if (status.Newest is { } newest)
        {
            data["lastBackup"] = newest.Name;
            data["lastBackupAt"] = newest.CreatedAt;
            data["ageHours"] = Math.Round(status.Age!.Value.TotalHours, 1);
        }
        if (status.LastFailure is { } failure)
        {
            data["lastFailureAt"] = failure.At;
            data["lastFailure"] = failure.Message;
        }
        if (status.LastAttemptFailed)
        {
            return HealthCheckResult.Degraded($"The last backup attempt failed: {status.LastFailure!.Message}", data: data);
        }
        if (status.Overdue)
        {
            return HealthCheckResult.Degraded($"The newest backup is {status.Age!.Value.TotalHours:0} hours old.", data: data);
        }
        return status.Newest is null
            ? HealthCheckResult.Healthy("No backup has been made yet.", data)
            : HealthCheckResult.Healthy($"The newest backup is {status.Age!.Value.TotalHours:0.#} hours old.", data);
    }
}
