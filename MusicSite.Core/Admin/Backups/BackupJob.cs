using Microsoft.Extensions.Logging;
using Quartz;

namespace MusicSite.Admin.Backups;

/// <summary>The daily backup, run by Quartz on the trigger <see cref="BackupSchedule"/> keeps. A backup already running
/// (an admin's) makes this run a no-op; a failure is kept by <see cref="BackupGate"/> and shown on the page and in health.</summary>
[DisallowConcurrentExecution]
public sealed class BackupJob(BackupMaker maker, ILogger<BackupJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var result = await maker.CreateAsync(AuditActor.System, cancellationToken);
        if (!result.Succeeded)
        {
            logger.LogWarning("The daily backup did not run: {Code}", result.Code);
        }
    }
}
