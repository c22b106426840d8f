using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using MusicSite.Accounts;
using MusicSite.Common;
using MusicSite.Moderation;
using MusicSite.Web.Api;
using MusicSite.Web.Auth;

namespace MusicSite.Web.Endpoints;

/// <summary>
/// Listeners' reports: POST <c>{ "reason": "spam|abuse|copyright|other", "details": "…" }</c> to a track or a comment.
/// 201 with the new report, 200 with the open one when the same listener reported the same thing already, 404 for
/// what the listener cannot see, 403 OWN_CONTENT for their own work. Rules in <see cref="ContentReports"/>.
/// </summary>
public static class ReportsApi
{
    public static IEndpointRouteBuilder MapReportsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/music/tracks/{id:int}/reports", ReportTrackAsync).WithTags("Reports").RequireAuthorization()
            .RequireRateLimiting(RateLimits.Edits).ProducesProblem(StatusCodes.Status401Unauthorized);
        app.MapPost("/api/comments/{id:int}/reports", ReportCommentAsync).WithTags("Reports").RequireAuthorization()
            .RequireRateLimiting(RateLimits.Edits).ProducesProblem(StatusCodes.Status401Unauthorized);
        return app;
    }

    public static Task<Results<Created<ReportView>, Ok<ReportView>, ProblemHttpResult>> ReportTrackAsync(int id, JsonElement body,
        HttpContext context, ContentReports reports, CancellationToken cancellationToken) =>
        FileAsync(body, input => reports.ReportTrackAsync(id, input, context.User.AsViewer(), context.ForAudit(), cancellationToken));

    public static Task<Results<Created<ReportView>, Ok<ReportView>, ProblemHttpResult>> ReportCommentAsync(int id, JsonElement body,
        HttpContext context, ContentReports reports, CancellationToken cancellationToken) =>
        FileAsync(body, input => reports.ReportCommentAsync(id, input, context.User.AsViewer(), context.ForAudit(), cancellationToken));

    private static async Task<Results<Created<ReportView>, Ok<ReportView>, ProblemHttpResult>> FileAsync(JsonElement body,
        Func<ReportInput, Task<ServiceResult<ReportReceipt>>> file)
    {
        if (!JsonBody.IsObject(body))
        {
            return JsonBody.NotAnObject();
        }
        var errors = new FieldErrors();
        var input = new ReportInput(JsonBody.Text(body, ContentReports.ReasonField, errors), JsonBody.Text(body, ContentReports.DetailsField, errors));
        if (errors.Any)
        {
            return ApiProblems.Validation(errors);
        }
        var result = await file(input);
        if (!result.Succeeded)
        {
            return ApiProblems.FromResult(result.Code!, result.Errors);
        }
        var report = result.Value!.Report;
        return result.Value.Created ? TypedResults.Created((string?)null, report) : TypedResults.Ok(report);
    }
}
