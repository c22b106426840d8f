using Microsoft.EntityFrameworkCore;
using MusicSite.Admin;
using MusicSite.Catalog;
using MusicSite.Common;
using MusicSite.Data;

namespace MusicSite.Moderation;

/// <summary>One reason of a reported item, with how many open reports give it.</summary>
public sealed record ReasonCount(string Reason, string Label, int Count);

/// <summary>One open report as the admin reads it.</summary>
public sealed record OpenReport(int Id, string Reason, string? Details, string ReporterName, DateTime CreatedAt);

/// <summary>A reported track or comment with its open reports: what it is, whose, where it is, and why it was
/// reported. <see cref="Exists"/> is false when the target is gone already (deleted by its owner).</summary>
public sealed record ReportedItem(string TargetType, int TargetId, bool Exists, string Title, string? Excerpt, string? Link,
    int? OwnerId, string? OwnerName, bool? IsPublic, int ReportCount, int LatestReportId, IReadOnlyList<ReasonCount> Reasons,
    IReadOnlyList<OpenReport> Reports);

/// <summary>
/// The admins' side of reports (decision 0039): the open ones grouped by target, newest report first; dismissing a
/// target's reports; and closing them with an outcome when an admin acts on the target (<see cref="ContentModeration"/>).
/// Every resolution is audited (report.resolve).
/// </summary>
public sealed class ReportDesk(MusicSiteDbContext db, AuditLog audit, TimeProvider clock)
{
    private sealed record Group(ReportTarget TargetType, int TargetId, int Count, int LatestId);

    public async Task<(IReadOnlyList<ReportedItem>, int)> OpenAsync(int page, int limit, CancellationToken cancellationToken)
    {
        var groups = db.ContentReports.AsNoTracking().Where(r => r.ResolvedAt == null)
            .GroupBy(r => new { r.TargetType, r.TargetId })
            .Select(g => new { g.Key.TargetType, g.Key.TargetId, Count = g.Count(), LatestId = g.Max(r => r.Id) });
        var total = await groups.CountAsync(cancellationToken);
        var shown = (await groups.OrderByDescending(g => g.LatestId).Skip(Paging.Offset(page, limit)).Take(limit).ToListAsync(cancellationToken))
            .Select(g => new Group(g.TargetType, g.TargetId, g.Count, g.LatestId)).ToList();
        var trackIds = shown.Where(g => g.TargetType == ReportTarget.Track).Select(g => g.TargetId).ToList();
        var commentIds = shown.Where(g => g.TargetType == ReportTarget.Comment).Select(g => g.TargetId).ToList();
        var reports = (await db.ContentReports.AsNoTracking().Where(r => r.ResolvedAt == null
                && ((r.TargetType == ReportTarget.Track && trackIds.Contains(r.TargetId))
                    || (r.TargetType == ReportTarget.Comment && commentIds.Contains(r.TargetId))))
                .OrderByDescending(r => r.Id)
                .Select(r => new { r.TargetType, r.TargetId, r.Id, r.Reason, r.Details, Reporter = r.Reporter!.DisplayName, r.CreatedAt })
                .ToListAsync(cancellationToken))
            .ToLookup(r => (r.TargetType, r.TargetId));
        var tracks = await db.Tracks.AsNoTracking().Where(t => trackIds.Contains(t.Id) && t.DeletedAt == null)
            .Select(t => new { t.Id, t.Title, t.ArtistName, t.UploaderId, Owner = t.Uploader!.DisplayName, t.IsPublic })
            .ToDictionaryAsync(t => t.Id, cancellationToken);
        var comments = await db.TrackComments.AsNoTracking().Where(c => commentIds.Contains(c.Id))
            .Select(c => new { c.Id, c.TrackId, c.Content, c.UserId, Author = c.User!.DisplayName, Track = c.Track!.Title })
            .ToDictionaryAsync(c => c.Id, cancellationToken);
        var items = shown.Select(g =>
        {
            var open = reports[(g.TargetType, g.TargetId)].ToList();
            var reasons = open.GroupBy(r => r.Reason).OrderByDescending(r => r.Count()).ThenBy(r => r.Key)
                .Select(r => new ReasonCount(ReportView.Name(r.Key), ContentReports.Label(r.Key), r.Count())).ToList();
            var listed = open.Select(r => new OpenReport(r.Id, ReportView.Name(r.Reason), r.Details, r.Reporter, r.CreatedAt)).ToList();
            var type = ReportView.Name(g.TargetType);
            if (g.TargetType == ReportTarget.Track && tracks.TryGetValue(g.TargetId, out var t))
            {
                return new ReportedItem(type, g.TargetId, true, t.Title, t.ArtistName, $"/tracks/{t.Id}", t.UploaderId, t.Owner, t.IsPublic,
                    g.Count, g.LatestId, reasons, listed);
            }
            if (g.TargetType == ReportTarget.Comment && comments.TryGetValue(g.TargetId, out var c))
            {
                return new ReportedItem(type, g.TargetId, true, $"Comment on {c.Track}", c.Content, $"/tracks/{c.TrackId}#comment-{c.Id}",
                    c.UserId, c.Author, null, g.Count, g.LatestId, reasons, listed);
            }
            return new ReportedItem(type, g.TargetId, false, $"Removed {type} {g.TargetId}", null, null, null, null, null,
                g.Count, g.LatestId, reasons, listed);
        }).ToList();
        return (items, total);
    }

    /// <summary>Dismisses report <paramref name="reportId"/> and every other open report of the same target: the admin
    /// looked and found nothing to do. REPORT_NOT_FOUND, or REPORT_RESOLVED when it was closed already.</summary>
    public async Task<ServiceResult<int>> DismissAsync(int reportId, AuditActor actor, CancellationToken cancellationToken)
    {
        var report = await db.ContentReports.AsNoTracking().FirstOrDefaultAsync(r => r.Id == reportId, cancellationToken);
        if (report is null)
        {
            return ServiceResult<int>.Invalid("report", "No report has this id.", ErrorCodes.ReportNotFound);
        }
        if (report.ResolvedAt is not null)
        {
            return ServiceResult<int>.Invalid("report", "This report is resolved already.", ErrorCodes.ReportResolved);
        }
        var closed = await CloseAsync(report.TargetType, report.TargetId, ReportOutcome.Dismissed, actor, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return ServiceResult<int>.Ok(closed);
    }

    /// <summary>Marks every open report of the target resolved with <paramref name="outcome"/> and audits it, in the
    /// caller's unit of work; answers how many there were (none: nothing recorded).</summary>
    public async Task<int> CloseAsync(ReportTarget target, int targetId, ReportOutcome outcome, AuditActor actor,
        CancellationToken cancellationToken)
    {
        var open = await db.ContentReports.Where(r => r.TargetType == target && r.TargetId == targetId && r.ResolvedAt == null)
            .ToListAsync(cancellationToken);
        if (open.Count == 0)
        {
            return 0;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var report in open)
        {
            report.ResolvedAt = now;
            report.ResolvedById = actor.UserId;
            report.Outcome = outcome;
        }
        audit.Record(actor, "report.resolve", ContentReports.AuditedType(target), targetId,
            new { Reports = open.Select(r => r.Id).Order().ToList(), Reasons = open.Select(r => ReportView.Name(r.Reason)).Distinct().Order().ToList() },
            new { Outcome = ReportView.Name(outcome) });
        return open.Count;
    }
}
