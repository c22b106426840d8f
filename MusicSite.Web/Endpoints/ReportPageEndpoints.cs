using Microsoft.AspNetCore.Mvc;
using MusicSite.Accounts;
using MusicSite.Common;
using MusicSite.Community;
using MusicSite.Moderation;
using MusicSite.Web.Auth;

namespace MusicSite.Web.Endpoints;

/// <summary>
/// The report forms of the track page (the track, and each comment), without JavaScript: a post, then back to the
/// track page with the outcome for <c>ReportForm</c> to show (post, redirect, get). What the listener may not see is
/// a 404, as in the API. Rules in <see cref="ContentReports"/>.
/// </summary>
public static class ReportPageEndpoints
{
    public static IEndpointRouteBuilder MapReportPageEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/tracks/{id:int}/report", ReportTrackAsync).ExcludeFromDescription().RequireAuthorization().RequireRateLimiting(RateLimits.Edits);
        app.MapPost("/comments/{id:int}/report", ReportCommentAsync).ExcludeFromDescription().RequireAuthorization().RequireRateLimiting(RateLimits.Edits);
        return app;
    }

    /// <summary>What the track page says after a report, by the outcome in its address.</summary>
    public static string? Message(string? outcome) => outcome switch
    {
        ReportOutcomes.Thanks => "Thank you for the report: an admin will look at it.",
        ReportOutcomes.Already => "You reported this already; an admin will look at it.",
        ReportOutcomes.Own => "This is your own work: edit or delete it instead of reporting it.",
        ReportOutcomes.Invalid => "The report was not sent: choose a reason, and keep the details under 1,000 characters of plain text.",
        _ => null,
    };

    // [FromForm] makes the framework check the antiforgery token.
    private static async Task<IResult> ReportTrackAsync(int id, [FromForm] string? reason, [FromForm] string? details, HttpContext context,
        ContentReports reports, CancellationToken cancellationToken)
    {
        var result = await reports.ReportTrackAsync(id, new ReportInput(reason, details), context.User.AsViewer(), context.ForAudit(), cancellationToken);
        return result.Code == ErrorCodes.TrackNotFound ? TypedResults.NotFound() : Back(id, "track", result, "report-track");
    }

    private static async Task<IResult> ReportCommentAsync(int id, [FromForm] string? reason, [FromForm] string? details, HttpContext context,
        Comments comments, ContentReports reports, CancellationToken cancellationToken)
    {
        var viewer = context.User.AsViewer();
        var comment = await comments.FindAsync(id, viewer, cancellationToken);
        if (comment is null)
        {
            return TypedResults.NotFound();
        }
        var result = await reports.ReportCommentAsync(id, new ReportInput(reason, details), viewer, context.ForAudit(), cancellationToken);
        return result.Code == ErrorCodes.CommentNotFound ? TypedResults.NotFound() : Back(comment.TrackId, $"comment-{id}", result, $"comment-{id}");
    }

    private static IResult Back(int trackId, string on, ServiceResult<ReportReceipt> result, string anchor)
    {
        var outcome = result.Code switch
        {
            null => result.Value!.Created ? ReportOutcomes.Thanks : ReportOutcomes.Already,
            ErrorCodes.OwnContent => ReportOutcomes.Own,
            _ => ReportOutcomes.Invalid,
        };
        return TypedResults.LocalRedirect($"/tracks/{trackId}?report={outcome}&on={on}#{anchor}");
    }
}

/// <summary>The outcomes a report form's redirect names.</summary>
public static class ReportOutcomes
{
    public const string Thanks = "thanks";
    public const string Already = "already";
    public const string Own = "own";
    public const string Invalid = "invalid";
}
