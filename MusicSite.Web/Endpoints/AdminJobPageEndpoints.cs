using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using MusicSite.Jobs.History;
using MusicSite.Web.Auth;

namespace MusicSite.Web.Endpoints;

/// <summary>The forms of /admin/jobs (no JavaScript needed): retry and cancel post here, and are sent back to the jobs
/// page with a status (<c>?done=</c>) or a problem (<c>?problem=</c>, an error code) to show (post, redirect, get).</summary>
public static class AdminJobPageEndpoints
{
    public const string RetryPath = "/admin/jobs/actions/retry";
    public const string CancelPath = "/admin/jobs/actions/cancel";

    public static IEndpointRouteBuilder MapAdminJobPageEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("").ExcludeFromDescription()
            .RequireAuthorization(Policies.Admin).RequireRateLimiting(RateLimits.Edits);
        group.MapPost(RetryPath, RetryAsync);
        group.MapPost(CancelPath, CancelAsync);
        return app;
    }

    // [FromForm] makes the framework check the antiforgery token.
    private static async Task<IResult> RetryAsync([FromForm] string? runId, [FromForm] string? subjectType, [FromForm] string? subjectId,
        HttpContext context, JobControl control, CancellationToken cancellationToken)
    {
        var request = new JobRetryRequest(long.TryParse(runId, NumberStyles.None, CultureInfo.InvariantCulture, out var run) ? run : null,
            subjectType, int.TryParse(subjectId, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null);
        var result = await control.RetryAsync(request, context.ForAudit(), cancellationToken);
        return TypedResults.LocalRedirect(result.Succeeded ? "/admin/jobs?done=retried" : $"/admin/jobs?problem={result.Code}");
    }

    private static async Task<IResult> CancelAsync([FromForm] string? group, [FromForm] string? name, [FromForm] string? confirm,
        HttpContext context, JobControl control, CancellationToken cancellationToken)
    {
        if (confirm != "yes")
        {
            return TypedResults.LocalRedirect($"/admin/jobs/cancel?group={Uri.EscapeDataString(group ?? "")}&name={Uri.EscapeDataString(name ?? "")}&problem=confirm");
        }
        var result = await control.CancelAsync(new JobCancelRequest(group, name), context.ForAudit(), cancellationToken);
        return TypedResults.LocalRedirect(result.Succeeded ? "/admin/jobs?done=cancelled" : $"/admin/jobs?problem={result.Code}");
    }
}
