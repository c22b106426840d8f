using Microsoft.AspNetCore.Http.HttpResults;
using MusicSite.Accounts;
using MusicSite.Common;
using MusicSite.Moderation;
using MusicSite.Web.Api;
using MusicSite.Web.Auth;

namespace MusicSite.Web.Endpoints;

/// <summary>
/// The admins' moderation API (decision 0039), every route on an Admin group: the open reports grouped by target and
/// their dismissal; what was uploaded or written lately; unpublishing tracks and albums; deleting tracks, albums,
/// stems, comments and ratings (reviews). Each action is audited by the service that owns it.
/// </summary>
public static class ModerationApi
{
    public static IEndpointRouteBuilder MapModerationApi(this IEndpointRouteBuilder app)
    {
        var reports = app.MapAdminGroup("/reports", "Moderation");
        reports.MapGet("/", ReportsAsync);
        reports.MapPost("/{id:int}/resolve", ResolveAsync).RequireRateLimiting(RateLimits.Edits);

        var content = app.MapAdminGroup("/content", "Moderation");
        content.MapGet("/tracks", RecentTracksAsync);
        content.MapGet("/albums", RecentAlbumsAsync);
        content.MapGet("/stems", RecentStemsAsync);
        content.MapGet("/reviews", RecentReviewsAsync);
        content.MapGet("/comments", RecentCommentsAsync);

        app.MapAdminGroup("/tracks", "Moderation").RequireRateLimiting(RateLimits.Edits).MapPost("/{id:int}/unpublish", UnpublishTrackAsync);
        app.MapAdminGroup("/tracks", "Moderation").RequireRateLimiting(RateLimits.Edits).MapDelete("/{id:int}", DeleteTrackAsync);
        app.MapAdminGroup("/albums", "Moderation").RequireRateLimiting(RateLimits.Edits).MapPost("/{id:int}/unpublish", UnpublishAlbumAsync);
        app.MapAdminGroup("/albums", "Moderation").RequireRateLimiting(RateLimits.Edits).MapDelete("/{id:int}", DeleteAlbumAsync);
        app.MapAdminGroup("/stems", "Moderation").RequireRateLimiting(RateLimits.Edits).MapDelete("/{id:int}", DeleteStemAsync);
        app.MapAdminGroup("/comments", "Moderation").RequireRateLimiting(RateLimits.Edits).MapDelete("/{id:int}", DeleteCommentAsync);
        app.MapAdminGroup("/ratings", "Moderation").RequireRateLimiting(RateLimits.Edits).MapDelete("/{id:int}", DeleteRatingAsync);
        return app;
    }

    /// <summary>Open reports grouped by their target, the most recently reported first.</summary>
    public static async Task<Results<Ok<PagedList<ReportedItem>>, ProblemHttpResult>> ReportsAsync([AsParameters] PageQuery query,
        ReportDesk desk, CancellationToken cancellationToken) =>
        await ListAsync(query, (p, l) => desk.OpenAsync(p, l, cancellationToken));

    public static Task<Results<Ok<PagedList<RecentTrack>>, ProblemHttpResult>> RecentTracksAsync([AsParameters] PageQuery query,
        RecentContent recent, CancellationToken cancellationToken) => ListAsync(query, (p, l) => recent.TracksAsync(p, l, cancellationToken));

    public static Task<Results<Ok<PagedList<RecentAlbum>>, ProblemHttpResult>> RecentAlbumsAsync([AsParameters] PageQuery query,
        RecentContent recent, CancellationToken cancellationToken) => ListAsync(query, (p, l) => recent.AlbumsAsync(p, l, cancellationToken));

    public static Task<Results<Ok<PagedList<RecentStem>>, ProblemHttpResult>> RecentStemsAsync([AsParameters] PageQuery query,
        RecentContent recent, CancellationToken cancellationToken) => ListAsync(query, (p, l) => recent.StemsAsync(p, l, cancellationToken));

    public static Task<Results<Ok<PagedList<RecentReview>>, ProblemHttpResult>> RecentReviewsAsync([AsParameters] PageQuery query,
        RecentContent recent, CancellationToken cancellationToken) => ListAsync(query, (p, l) => recent.ReviewsAsync(p, l, cancellationToken));

    public static Task<Results<Ok<PagedList<RecentComment>>, ProblemHttpResult>> RecentCommentsAsync([AsParameters] PageQuery query,
        RecentContent recent, CancellationToken cancellationToken) => ListAsync(query, (p, l) => recent.CommentsAsync(p, l, cancellationToken));

    /// <summary>Dismisses the report and the other open reports of its target; answers how many were closed.</summary>
    public static async Task<Results<Ok<ResolvedJson>, ProblemHttpResult>> ResolveAsync(int id, HttpContext context, ReportDesk desk,
        CancellationToken cancellationToken)
    {
        var result = await desk.DismissAsync(id, context.ForAudit(), cancellationToken);
        return result.Succeeded ? TypedResults.Ok(new ResolvedJson("dismissed", result.Value)) : ApiProblems.FromResult(result.Code!, result.Errors);
    }

    public static Task<Results<NoContent, ProblemHttpResult>> UnpublishTrackAsync(int id, HttpContext context, ContentModeration moderation,
        CancellationToken cancellationToken) => Done(moderation.UnpublishTrackAsync(id, context.User.AsViewer(), context.ForAudit(), cancellationToken));

    public static Task<Results<NoContent, ProblemHttpResult>> UnpublishAlbumAsync(int id, HttpContext context, ContentModeration moderation,
        CancellationToken cancellationToken) => Done(moderation.UnpublishAlbumAsync(id, context.User.AsViewer(), context.ForAudit(), cancellationToken));

    public static Task<Results<NoContent, ProblemHttpResult>> DeleteTrackAsync(int id, HttpContext context, ContentModeration moderation,
        CancellationToken cancellationToken) => Done(moderation.DeleteTrackAsync(id, context.User.AsViewer(), context.ForAudit(), cancellationToken));

    public static Task<Results<NoContent, ProblemHttpResult>> DeleteAlbumAsync(int id, HttpContext context, ContentModeration moderation,
        CancellationToken cancellationToken) => Done(moderation.DeleteAlbumAsync(id, context.User.AsViewer(), context.ForAudit(), cancellationToken));

    public static Task<Results<NoContent, ProblemHttpResult>> DeleteStemAsync(int id, HttpContext context, ContentModeration moderation,
        CancellationToken cancellationToken) => Done(moderation.DeleteStemAsync(id, context.User.AsViewer(), context.ForAudit(), cancellationToken));

    public static Task<Results<NoContent, ProblemHttpResult>> DeleteCommentAsync(int id, HttpContext context, ContentModeration moderation,
        CancellationToken cancellationToken) => Done(moderation.DeleteCommentAsync(id, context.User.AsViewer(), context.ForAudit(), cancellationToken));

    public static Task<Results<NoContent, ProblemHttpResult>> DeleteRatingAsync(int id, HttpContext context, ContentModeration moderation,
        CancellationToken cancellationToken) => Done(moderation.DeleteRatingAsync(id, context.User.AsViewer(), context.ForAudit(), cancellationToken));

    private static async Task<Results<NoContent, ProblemHttpResult>> Done(Task<ServiceResult<bool>> action)
    {
        var result = await action;
        return result.Succeeded ? TypedResults.NoContent() : ApiProblems.FromResult(result.Code!, result.Errors);
    }

    private static async Task<Results<Ok<PagedList<T>>, ProblemHttpResult>> ListAsync<T>(PageQuery query,
        Func<int, int, Task<(IReadOnlyList<T>, int)>> list)
    {
        var errors = query.Validate();
        if (errors.Any)
        {
            return ApiProblems.Validation(errors);
        }
        var (items, total) = await list(query.PageNumber, query.PageSize);
        return TypedResults.Ok(PagedList<T>.Create(items, query, total));
    }
}

/// <summary>The answer to a resolution: how, and how many open reports it closed.</summary>
public sealed record ResolvedJson(string Outcome, int Closed);
