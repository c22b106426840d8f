using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using MusicSite.Admin;
using MusicSite.Catalog;
using MusicSite.Common;
using MusicSite.Community;
using MusicSite.Data;

namespace MusicSite.Moderation;

/// <summary>A report as the listener sends it: a reason from <see cref="ReportReason"/> and optional details.</summary>
public sealed record ReportInput(string? Reason, string? Details);

/// <summary>A report as its reporter and the API see it; kinds and reasons in lower case.</summary>
public sealed record ReportView(int Id, string TargetType, int TargetId, string Reason, string? Details, DateTime CreatedAt,
    DateTime? ResolvedAt, string? Outcome)
{
    public static ReportView Of(ContentReport r) => new(r.Id, Name(r.TargetType), r.TargetId, Name(r.Reason), r.Details, r.CreatedAt,
        r.ResolvedAt, r.Outcome is { } o ? Name(o) : null);

    public static string Name<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();
}

/// <summary>The answer to a report: the open report, and whether it is new (a second report of the same target by
/// the same listener while the first is open is acknowledged, not stored twice).</summary>
public sealed record ReportReceipt(ReportView Report, bool Created);

/// <summary>
/// The one owner of listeners' reports (decision 0039): any signed-in user reports a track or a comment they can
/// see (anything else is "not found", so a private track's existence is not revealed), never their own; a reason
/// from the fixed list and optional plain-text details; one open report per reporter and target. Each report is
/// audited (report.create). Resolving them is <see cref="ReportDesk"/>'s.
/// </summary>
public sealed class ContentReports(MusicSiteDbContext db, TrackCatalog catalog, Comments comments, AuditLog audit, TimeProvider clock)
{
    public const string ReasonField = "reason";
    public const string DetailsField = "details";
    public const string OwnTrackMessage = "This is your own track; edit or delete it instead of reporting it.";
    public const string OwnCommentMessage = "This is your own comment; edit or delete it instead of reporting it.";

    /// <summary>The reasons, in the order forms list them, with their words.</summary>
    public static IReadOnlyList<(ReportReason Reason, string Label)> Reasons { get; } =
    [
        (ReportReason.Spam, "Spam or advertising"),
        (ReportReason.Abuse, "Abuse, harassment or hate"),
        (ReportReason.Copyright, "Copyright: it is not theirs to share"),
        (ReportReason.Other, "Something else (say what below)"),
    ];

    /// <summary>The kind of thing a report's audit entries name.</summary>
    public const string EntityType = "ContentReport";

    /// <summary>The entity type the audit log uses for a report's target.</summary>
    public static string AuditedType(ReportTarget target) => target == ReportTarget.Track ? TrackEditor.EntityType : "TrackComment";

    public static string Label(ReportReason reason) => Reasons.First(r => r.Reason == reason).Label;

    public async Task<ServiceResult<ReportReceipt>> ReportTrackAsync(int trackId, ReportInput input, Viewer viewer, AuditActor actor,
        CancellationToken cancellationToken)
    {
        if (viewer.UserId is not { } userId)
        {
            return ServiceResult<ReportReceipt>.Invalid("user", "Sign in first.", ErrorCodes.Unauthorized);
        }
        var owner = await catalog.Visible(viewer).Where(t => t.Id == trackId).Select(t => (int?)t.UploaderId).FirstOrDefaultAsync(cancellationToken);
        if (owner is null)
        {
            return ServiceResult<ReportReceipt>.Invalid("track", "No track has this id.", ErrorCodes.TrackNotFound);
        }
        return owner == userId
            ? ServiceResult<ReportReceipt>.Invalid("track", OwnTrackMessage, ErrorCodes.OwnContent)
            : await FileAsync(ReportTarget.Track, trackId, userId, input, actor, cancellationToken);
    }

    public async Task<ServiceResult<ReportReceipt>> ReportCommentAsync(int commentId, ReportInput input, Viewer viewer, AuditActor actor,
        CancellationToken cancellationToken)
    {
        if (viewer.UserId is not { } userId)
        {
            return ServiceResult<ReportReceipt>.Invalid("user", "Sign in first.", ErrorCodes.Unauthorized);
        }
        var comment = await comments.FindAsync(commentId, viewer, cancellationToken);
        if (comment is null)
        {
            return ServiceResult<ReportReceipt>.Invalid("comment", "No comment has this id.", ErrorCodes.CommentNotFound);
        }
        return comment.Author.Id == userId
            ? ServiceResult<ReportReceipt>.Invalid("comment", OwnCommentMessage, ErrorCodes.OwnContent)
            : await FileAsync(ReportTarget.Comment, commentId, userId, input, actor, cancellationToken);
    }

    /// <summary>The reason (one of the list, by name, any case) and the details (trimmed, empty is none, at most
    /// <see cref="ContentReport.DetailsMaxLength"/> characters of plain text).</summary>
    public static (ReportReason Reason, string? Details) Check(ReportInput input, FieldErrors errors)
    {
        if (!EnumNames.TryParse<ReportReason>(input.Reason?.Trim(), out var reason))
        {
            errors.Add(ReasonField, "Choose a reason from the list.");
        }
        var details = string.IsNullOrWhiteSpace(input.Details) ? null : input.Details.Trim();
        if (details is { Length: > ContentReport.DetailsMaxLength })
        {
            errors.Add(DetailsField, $"Use at most {ContentReport.DetailsMaxLength:N0} characters.");
        }
        TextRules.CheckMultiLine(details, DetailsField, errors);
        return (reason, details);
    }

    private async Task<ServiceResult<ReportReceipt>> FileAsync(ReportTarget target, int targetId, int userId, ReportInput input,
        AuditActor actor, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var (reason, details) = Check(input, errors);
        if (errors.Any)
        {
            return ServiceResult<ReportReceipt>.Invalid(errors);
        }
        if (await OpenAsync(target, targetId, userId, cancellationToken) is { } open)
        {
            return ServiceResult<ReportReceipt>.Ok(new ReportReceipt(ReportView.Of(open), Created: false));
        }
        var report = new ContentReport
        {
            ReporterId = userId, TargetType = target, TargetId = targetId, Reason = reason, Details = details,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.ContentReports.Add(report);
        // The entry names the reported thing (the report's own id is not known before the save).
        audit.Record(actor, "report.create", AuditedType(target), targetId, null, new { Reason = ReportView.Name(reason), Details = details });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is SqliteException { SqliteErrorCode: 19 })
        {
            // The same listener's other request filed the same report between the check and this insert.
            db.ChangeTracker.Clear();
            return ServiceResult<ReportReceipt>.Ok(new ReportReceipt(ReportView.Of((await OpenAsync(target, targetId, userId, cancellationToken))!), false));
        }
        return ServiceResult<ReportReceipt>.Ok(new ReportReceipt(ReportView.Of(report), Created: true));
    }

    private Task<ContentReport?> OpenAsync(ReportTarget target, int targetId, int userId, CancellationToken cancellationToken) =>
        db.ContentReports.AsNoTracking().FirstOrDefaultAsync(r => r.ReporterId == userId && r.TargetType == target && r.TargetId == targetId
            && r.ResolvedAt == null, cancellationToken);
}
