using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using MusicSite.Common;
using MusicSite.Jobs.History;
using MusicSite.Web.Api;
using MusicSite.Web.Auth;

namespace MusicSite.Web.Endpoints;

public sealed record JobRunItem(long Id, string JobGroup, string JobName, string? Description, string Node, DateTime StartedAt,
    DateTime EndedAt, string Outcome, string? Error, string? SubjectType, int? SubjectId, bool HasLog, string Url)
{
    public static JobRunItem From(JobRun run) => new(run.Id, run.JobGroup, run.JobName, run.Description, run.Node, run.StartedAt,
        run.EndedAt, run.Outcome, run.Error, run.SubjectType, run.SubjectId, run.ToolLog is not null, $"{AdminApi.Prefix}/jobs/runs/{run.Id}");
}

/// <summary>One run with its log: the stderr tail of the media tool that failed, when one did.</summary>
public sealed record JobRunDetail(JobRunItem Run, string FireInstanceId, string? Log);

public sealed record JobsResponse(IReadOnlyList<PendingJob> Pending, int PendingTotal, IReadOnlyList<RunningJob> Running,
    IReadOnlyList<FailedJob> Failed, PagedList<JobRunItem> History);

/// <summary>
/// The job APIs (admins only): GET /api/admin/jobs (pending, running, failed, and the run history paged by
/// <c>page</c>/<c>limit</c>), GET /api/admin/jobs/runs/{id} (one run with its ffmpeg log), POST /api/admin/jobs/retry
/// and POST /api/admin/jobs/cancel. The rules are <see cref="JobControl"/>'s; this class reads bodies and maps outcomes.
/// </summary>
public static class AdminJobsApi
{
    public static IEndpointRouteBuilder MapAdminJobsApi(this IEndpointRouteBuilder app)
    {
        var jobs = app.MapAdminGroup("/jobs", "Admin");
        jobs.MapGet("/", ListAsync);
        jobs.MapGet("/runs/{id:long}", RunAsync);
        jobs.MapPost("/retry", RetryAsync).RequireRateLimiting(RateLimits.Edits);
        jobs.MapPost("/cancel", CancelAsync).RequireRateLimiting(RateLimits.Edits);
        return app;
    }

    public static async Task<Results<Ok<JobsResponse>, ProblemHttpResult>> ListAsync([AsParameters] PageQuery paging,
        JobOverview overview, CancellationToken cancellationToken)
    {
        var errors = paging.Validate();
        if (errors.Any)
        {
            return ApiProblems.Validation(errors);
        }
        var view = await overview.ReadAsync(paging.PageNumber, paging.PageSize, cancellationToken);
        return TypedResults.Ok(new JobsResponse(view.Pending, view.PendingTotal, view.Running, view.Failed,
            PagedList<JobRunItem>.Create(view.History.Select(JobRunItem.From).ToList(), paging, view.HistoryTotal)));
    }

    public static async Task<Results<Ok<JobRunDetail>, ProblemHttpResult>> RunAsync(long id, JobRunHistory history,
        CancellationToken cancellationToken) =>
        await history.FindAsync(id, cancellationToken) is { } run
            ? TypedResults.Ok(new JobRunDetail(JobRunItem.From(run), run.FireInstanceId, run.ToolLog))
            : ApiProblems.NotFound(ErrorCodes.JobNotFound, "No job run has this id.");

    /// <summary><c>{ "runId": 12 }</c>, or <c>{ "subjectType": "track" | "stem", "subjectId": 5 }</c>. A track or stem
    /// is processed again from its original; another job is fired now. Answers 202.</summary>
    public static async Task<Results<Accepted<JobRetried>, ProblemHttpResult>> RetryAsync(JsonElement body, HttpContext context,
        JobControl control, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var request = new JobRetryRequest(Number(body, "runId", errors), Text(body, "subjectType", errors), (int?)Number(body, "subjectId", errors, int.MaxValue));
        if (errors.Any)
        {
            return ApiProblems.Validation(errors);
        }
        var result = await control.RetryAsync(request, context.ForAudit(), cancellationToken);
        return result.Succeeded
            ? TypedResults.Accepted($"{AdminApi.Prefix}/jobs", result.Value)
            : ApiProblems.FromResult(result.Code!, result.Errors);
    }

    /// <summary><c>{ "group": "tracks", "name": "process-track-5" }</c>: its one-off triggers are unscheduled and a
    /// running firing interrupted; a track or stem it processes ends Failed ("Cancelled by an admin.").</summary>
    public static async Task<Results<Ok<JobCancelled>, ProblemHttpResult>> CancelAsync(JsonElement body, HttpContext context,
        JobControl control, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var request = new JobCancelRequest(Text(body, "group", errors), Text(body, "name", errors));
        if (errors.Any)
        {
            return ApiProblems.Validation(errors);
        }
        var result = await control.CancelAsync(request, context.ForAudit(), cancellationToken);
        return result.Succeeded ? TypedResults.Ok(result.Value) : ApiProblems.FromResult(result.Code!, result.Errors);
    }

    private static string? Text(JsonElement body, string name, FieldErrors errors)
    {
        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.String)
        {
            errors.Add(name, $"{name} must be a string.");
            return null;
        }
        return value.GetString();
    }

    private static long? Number(JsonElement body, string name, FieldErrors errors, long max = long.MaxValue)
    {
        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var number) || number < 1 || number > max)
        {
            errors.Add(name, $"{name} must be a whole number from 1.");
            return null;
        }
        return number;
    }
}
