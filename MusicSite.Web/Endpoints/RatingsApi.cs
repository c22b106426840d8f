using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using MusicSite.Accounts;
using MusicSite.Common;
using MusicSite.Community;
using MusicSite.Web.Api;
using MusicSite.Web.Auth;

namespace MusicSite.Web.Endpoints;

/// <summary>A track's ratings: the summary, then the list envelope (<c>data</c> newest first, <c>meta</c>).</summary>
public sealed record RatingList(RatingSummary Summary, IReadOnlyList<RatingView> Data, PageMeta Meta);

/// <summary>Paging of the rating lists, plus <c>reviews=true</c> on a track's list to keep those with text.</summary>
public sealed record RatingListQuery(int? Page, int? Limit, bool? Reviews);

/// <summary>
/// /api/ratings: GET /track/{id} (summary and ratings, anyone who may see the track), POST, PUT and DELETE
/// /track/{id} (the caller's own rating; body <c>{ "score": 1–5, "review": "…" }</c>), GET /user (the caller's own).
/// The rules are <see cref="Ratings"/>'; this class reads the bodies and maps the outcomes to HTTP.
/// </summary>
public static class RatingsApi
{
    public static IEndpointRouteBuilder MapRatingsApi(this IEndpointRouteBuilder app)
    {
        var ratings = app.MapGroup("/api/ratings").WithTags("Ratings");
        ratings.MapGet("/track/{id:int}", ListAsync).RequireRateLimiting(RateLimits.Reads);
        ratings.MapGet("/user", MineAsync).RequireAuthorization().RequireRateLimiting(RateLimits.Reads)
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        foreach (var write in new[]
                 {
                     ratings.MapPost("/track/{id:int}", CreateAsync), ratings.MapPut("/track/{id:int}", UpdateAsync),
                     ratings.MapDelete("/track/{id:int}", DeleteAsync),
                 })
        {
            write.RequireAuthorization().RequireRateLimiting(RateLimits.Edits).ProducesProblem(StatusCodes.Status401Unauthorized);
        }
        return app;
    }

    public static async Task<Results<Ok<RatingList>, ProblemHttpResult>> ListAsync(int id, [AsParameters] RatingListQuery query,
        ClaimsPrincipal user, RatingBoard board, CancellationToken cancellationToken)
    {
        var paging = new PageQuery(query.Page, query.Limit);
        var errors = paging.Validate();
        if (errors.Any)
        {
            return ApiProblems.Validation(errors);
        }
        var viewer = user.AsViewer();
        var summary = await board.SummaryAsync(id, viewer, cancellationToken);
        var page = await board.ListAsync(id, viewer, query.Reviews == true, paging.PageNumber, paging.PageSize, cancellationToken);
        if (summary is null || page is null)
        {
            return ApiProblems.NotFound(ErrorCodes.TrackNotFound);
        }
        var list = PagedList<RatingView>.Create(page.Items, paging, page.Total);
        return TypedResults.Ok(new RatingList(summary, list.Data, list.Meta));
    }

    public static async Task<Results<Ok<PagedList<MyRatingView>>, ProblemHttpResult>> MineAsync([AsParameters] PageQuery query,
        ClaimsPrincipal user, RatingBoard board, CancellationToken cancellationToken)
    {
        var errors = query.Validate();
        if (errors.Any)
        {
            return ApiProblems.Validation(errors);
        }
        var page = await board.OfViewerAsync(user.AsViewer(), query.PageNumber, query.PageSize, cancellationToken);
        return TypedResults.Ok(PagedList<MyRatingView>.Create(page.Items, query, page.Total));
    }

    /// <summary>The first rating of the track by the caller: 201 with it; a second one is 409 RATING_EXISTS (use PUT).</summary>
    public static async Task<Results<Created<RatingView>, ProblemHttpResult>> CreateAsync(int id, JsonElement body, ClaimsPrincipal user,
        Ratings ratings, CancellationToken cancellationToken)
    {
        var (input, problem) = ReadRating(body);
        if (problem is not null)
        {
            return problem;
        }
        var result = await ratings.CreateAsync(id, input!, user.AsViewer(), cancellationToken);
        return result.Succeeded ? TypedResults.Created(Location(id), result.Value) : Refused(result.Code!, result.Errors);
    }

    /// <summary>Changes the caller's rating: both fields are set (a review left out is removed).</summary>
    public static async Task<Results<Ok<RatingView>, ProblemHttpResult>> UpdateAsync(int id, JsonElement body, ClaimsPrincipal user,
        Ratings ratings, CancellationToken cancellationToken)
    {
        var (input, problem) = ReadRating(body);
        if (problem is not null)
        {
            return problem;
        }
        var result = await ratings.UpdateAsync(id, input!, user.AsViewer(), cancellationToken);
        return result.Succeeded ? TypedResults.Ok(result.Value!) : Refused(result.Code!, result.Errors);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(int id, HttpContext context, Ratings ratings,
        CancellationToken cancellationToken)
    {
        var result = await ratings.DeleteAsync(id, context.User.AsViewer(), context.ForAudit(), cancellationToken);
        return result.Succeeded ? TypedResults.NoContent() : Refused(result.Code!, result.Errors);
    }

    /// <summary>The score must be a JSON whole number (2.5, "4" or text are field errors); its range is the rule of
    /// <see cref="Ratings.Check"/>. The review is a string or absent.</summary>
    private static (RatingInput? Input, ProblemHttpResult? Problem) ReadRating(JsonElement body)
    {
        if (!JsonBody.IsObject(body))
        {
            return (null, JsonBody.NotAnObject());
        }
        var errors = new FieldErrors();
        int? score = null;
        if (body.TryGetProperty("score", out var value) && value.ValueKind != JsonValueKind.Null)
        {
            if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var whole))
            {
                score = whole;
            }
            else
            {
                errors.Add("score", Ratings.ScoreMessage);
            }
        }
        var review = JsonBody.Text(body, "review", errors);
        var input = new RatingInput(score, review);
        Ratings.Check(input, errors);
        return errors.Any ? (null, ApiProblems.Validation(errors)) : (input, null);
    }

    /// <summary>A refusal as a problem, with the rule's own sentence as its title (OWN_TRACK says why).</summary>
    private static ProblemHttpResult Refused(string code, FieldErrors errors) =>
        code == ErrorCodes.OwnTrack ? ApiProblems.FromResult(code, errors, Ratings.OwnTrackMessage) : ApiProblems.FromResult(code, errors);

    private static string Location(int trackId) => $"/api/ratings/track/{trackId}";
}
