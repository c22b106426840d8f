using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using MusicSite.Accounts;
using MusicSite.Common;
using MusicSite.Community;
using MusicSite.Web.Api;
using MusicSite.Web.Auth;

namespace MusicSite.Web.Endpoints;

/// <summary>
/// Timed comments (field names of the design: <c>{ "content": "…", "timestamp": 12 }</c>, seconds from the start).
/// Reading is open to whoever may see the track; writing needs a signed-in user. Rules live in <see cref="Comments"/>.
/// </summary>
public static class CommentsApi
{
    public static IEndpointRouteBuilder MapCommentsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/music/tracks/{id:int}/comments", ListAsync).WithTags("Comments").RequireRateLimiting(RateLimits.Reads);
        app.MapPost("/api/music/tracks/{id:int}/comments", AddAsync).WithTags("Comments").RequireAuthorization()
            .RequireRateLimiting(RateLimits.Edits).ProducesProblem(StatusCodes.Status401Unauthorized);
        var comments = app.MapGroup("/api/comments").WithTags("Comments").RequireAuthorization().RequireRateLimiting(RateLimits.Edits)
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        comments.MapPost("/{id:int}/replies", ReplyAsync);
        comments.MapPut("/{id:int}", EditAsync);
        comments.MapDelete("/{id:int}", DeleteAsync);
        return app;
    }

    /// <summary>The track's threads by moment, each with its replies, in the list envelope (paged by thread).</summary>
    public static async Task<Results<Ok<PagedList<CommentView>>, ProblemHttpResult>> ListAsync(int id, [AsParameters] PageQuery query,
        ClaimsPrincipal user, Comments comments, CancellationToken cancellationToken)
    {
        var errors = query.Validate();
        if (errors.Any)
        {
            return ApiProblems.Validation(errors);
        }
        var result = await comments.ListAsync(id, user.AsViewer(), query.PageNumber, query.PageSize, cancellationToken);
        return result.Succeeded
            ? TypedResults.Ok(PagedList<CommentView>.Create(result.Value!.Threads, query, result.Value.Total))
            : ApiProblems.FromResult(result.Code!, result.Errors);
    }

    public static async Task<Results<Created<CommentView>, ProblemHttpResult>> AddAsync(int id, JsonElement body, ClaimsPrincipal user,
        Comments comments, CancellationToken cancellationToken)
    {
        if (!JsonBody.IsObject(body))
        {
            return JsonBody.NotAnObject();
        }
        var errors = new FieldErrors();
        var (content, timestamp) = Read(body, errors);
        if (errors.Any)
        {
            return ApiProblems.Validation(errors);
        }
        var result = await comments.AddAsync(id, content, timestamp, user.AsViewer(), cancellationToken);
        return Created(result);
    }

    /// <summary><c>{ "content": "…" }</c>; the reply takes its thread's moment (a timestamp sent is not used).</summary>
    public static async Task<Results<Created<CommentView>, ProblemHttpResult>> ReplyAsync(int id, JsonElement body, ClaimsPrincipal user,
        Comments comments, CancellationToken cancellationToken)
    {
        if (!JsonBody.IsObject(body))
        {
            return JsonBody.NotAnObject();
        }
        var errors = new FieldErrors();
        var content = JsonBody.Text(body, CommentRules.ContentField, errors);
        if (errors.Any)
        {
            return ApiProblems.Validation(errors);
        }
        return Created(await comments.ReplyAsync(id, content, user.AsViewer(), cancellationToken));
    }

    /// <summary><c>{ "content": "…", "timestamp": 12 }</c>: the new text, and optionally a new moment for a top comment.</summary>
    public static async Task<Results<Ok<CommentView>, ProblemHttpResult>> EditAsync(int id, JsonElement body, ClaimsPrincipal user,
        Comments comments, CancellationToken cancellationToken)
    {
        if (!JsonBody.IsObject(body))
        {
            return JsonBody.NotAnObject();
        }
        var errors = new FieldErrors();
        var (content, timestamp) = Read(body, errors);
        if (errors.Any)
        {
            return ApiProblems.Validation(errors);
        }
        var result = await comments.EditAsync(id, content, timestamp, user.AsViewer(), cancellationToken);
        return result.Succeeded ? TypedResults.Ok(result.Value!) : Problem(result);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(int id, HttpContext context, Comments comments,
        CancellationToken cancellationToken)
    {
        var result = await comments.DeleteAsync(id, context.User.AsViewer(), context.ForAudit(), cancellationToken);
        return result.Succeeded ? TypedResults.NoContent() : ApiProblems.FromResult(result.Code!, result.Errors);
    }

    private static (string? Content, double? Timestamp) Read(JsonElement body, FieldErrors errors) =>
        (JsonBody.Text(body, CommentRules.ContentField, errors), JsonBody.Number(body, CommentRules.TimestampField, errors));

    private static Results<Created<CommentView>, ProblemHttpResult> Created(ServiceResult<CommentView> result) =>
        result.Succeeded ? TypedResults.Created($"/api/comments/{result.Value!.Id}", result.Value) : Problem(result);

    private static ProblemHttpResult Problem(ServiceResult<CommentView> result) => ApiProblems.FromResult(result.Code!, result.Errors);
}
