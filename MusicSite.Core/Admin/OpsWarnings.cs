using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using MusicSite.Accounts;
using MusicSite.Data;
using MusicSite.Notifications;

namespace MusicSite.Admin;

/// <summary>The outcome of a check: the figures, each figure against its threshold, and the warnings raised now.</summary>
public sealed record OpsStatus(OpsFigures Figures, IReadOnlyList<OpsCheck> Checks, IReadOnlyList<OpsAlert> Raised);

/// <summary>
/// The one owner of the warning states: a check measures (<see cref="OpsMetrics"/>), raises a warning whose figure
/// crossed its threshold, clears one that is back under, and mails the admins once per raise. The mail is claimed by
/// one conditional update (MailedAt still empty), so two checks at once, on one node or two, send it once.
/// </summary>
public sealed class OpsWarnings(MusicSiteDbContext db, OpsMetrics metrics, UserManager<AppUser> users, IMailSender mail,
    INotificationLinks links, TimeProvider clock, ILogger<OpsWarnings> logger)
{
    public async Task<OpsStatus> CheckAsync(CancellationToken cancellationToken)
    {
        var figures = await metrics.MeasureAsync(cancellationToken);
        var checks = metrics.Checks(figures);
        await RecordAsync(checks, cancellationToken);
        var raised = await db.OpsAlerts.AsNoTracking().Where(a => a.ClearedAt == null).ToListAsync(cancellationToken);
        foreach (var alert in raised.Where(a => a.MailedAt is null))
        {
            if (checks.FirstOrDefault(c => c.Key == alert.Key) is { } check)
            {
                await MailOnceAsync(check, cancellationToken);
            }
        }
        var order = checks.Select(c => c.Key).ToList();
        return new OpsStatus(figures, checks, raised.OrderBy(a => order.IndexOf(a.Key)).ToList());
    }

    /// <summary>Raises, updates or clears each warning's row from its check.</summary>
    private async Task RecordAsync(IReadOnlyList<OpsCheck> checks, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var rows = await db.OpsAlerts.ToDictionaryAsync(a => a.Key, cancellationToken);
        foreach (var check in checks)
        {
            var row = rows.GetValueOrDefault(check.Key);
            if (check.Crossed)
            {
                if (row is null)
                {
                    row = new OpsAlert { Key = check.Key, RaisedAt = now };
                    db.OpsAlerts.Add(row);
                }
                else if (!row.IsRaised)
                {
                    // Crossed again after it cleared: a new raise, to be mailed again.
                    (row.RaisedAt, row.MailedAt, row.ClearedAt) = (now, null, null);
                }
                (row.Value, row.Threshold) = (check.Value!.Value, check.Threshold);
            }
            else if (row is { IsRaised: true })
            {
                row.ClearedAt = now;
            }
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another check (the loop, a dashboard, another node) wrote the same warning first: its state stands.
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>Claims the raise's mail with one conditional update, then mails every admin with a confirmed address.
    /// If no mail could be sent, the claim is given back so the next check tries again.</summary>
    private async Task MailOnceAsync(OpsCheck check, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var claimed = await db.OpsAlerts.Where(a => a.Key == check.Key && a.ClearedAt == null && a.MailedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.MailedAt, now), cancellationToken);
        if (claimed != 1)
        {
            return;
        }
        var admins = (await users.GetUsersInRoleAsync(Roles.Admin))
            .Where(u => u.EmailConfirmed && !string.IsNullOrEmpty(u.Email)).Select(u => u.Email!).Distinct().ToList();
        var sent = 0;
        foreach (var address in admins)
        {
            try
            {
                await mail.SendAsync(address, $"MusicSite warning: {check.Label.ToLowerInvariant()} is above its threshold", Body(check), cancellationToken);
                sent++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "The warning mail about {Key} to an admin could not be sent", check.Key);
            }
        }
        if (sent == 0 && admins.Count > 0)
        {
            await db.OpsAlerts.Where(a => a.Key == check.Key && a.MailedAt == now)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.MailedAt, (DateTime?)null), cancellationToken);
        }
    }

    private string Body(OpsCheck check) => $"""
        {check.Sentence}.

        You get this mail once; the next one comes only after the figure has gone back under the threshold and
        crossed it again. The dashboard shows the warning while it lasts:
        {links.Absolute("/admin")}

        The thresholds are set in the "Monitoring" section of the site's settings.
        """;
}
