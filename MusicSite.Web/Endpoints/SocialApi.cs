using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using MusicSite.Accounts;
using MusicSite.Catalog;
using MusicSite.Community;
using MusicSite.Web.Api;
using MusicSite.Web.Auth;

namespace MusicSite.Web.Endpoints;

/// <summary>A heart's state after a like or unlike.</summary>
public sealed record LikeResponse(int TrackId, bool Liked, int Likes);

/// <summary>A follow's state after a follow or unfollow.</summary>
public sealed record FollowResponse(int ArtistId, bool Following, int FollowerCount);

/// <summary>One feed entry: <c>type</c> is track or album, and the matching object is set.</summary>
public sealed record FeedItemResponse(string Type, DateTime At, TrackSummary? Track, AlbumListItem? Album);

/// <summary>Likes and follows: PUT/DELETE /api/music/tracks/{id}/like, GET /api/me/likes, PUT/DELETE
/// /api/artists/{id}/follow and GET /api/me/feed. Writes are idempotent; anonymous callers get 401.</summary>
public static class SocialApi
{
    public static IEndpointRouteBuilder MapSocialApi(this IEndpointRouteBuilder app)
    {
        var like = app.MapGroup("/api/music/tracks/{id:int}/like").WithTags("Likes").RequireAuthorization().RequireRateLimiting(RateLimits.Edits)
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        like.MapPut("/", LikeAsync);
        like.MapDelete("/", UnlikeAsync);
        var follow = app.MapGroup("/api/artists/{id:int}/follow").WithTags("Follows").RequireAuthorization().RequireRateLimiting(RateLimits.Edits)
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        follow.MapPut("/", FollowAsync);
        follow.MapDelete("/", UnfollowAsync);
        var me = app.MapGroup("/api/me").WithTags("Likes", "Follows").RequireAuthorization().RequireRateLimiting(RateLimits.Reads)
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        me.MapGet("/likes", MyLikesAsync);
        me.MapGet("/feed", FeedAsync);
        return app;
    }

    public static Task<Results<Ok<LikeResponse>, ProblemHttpResult>> LikeAsync(int id, ClaimsPrincipal user, Likes likes, TrackCatalog catalog,
        CancellationToken cancellationToken) => SetLikeAsync(id, true, user, likes, catalog, cancellationToken);

    public static Task<Results<Ok<LikeResponse>, ProblemHttpResult>> UnlikeAsync(int id, ClaimsPrincipal user, Likes likes, TrackCatalog catalog,
        CancellationToken cancellationToken) => SetLikeAsync(id, false, user, likes, catalog, cancellationToken);

    public static Task<Results<Ok<FollowResponse>, ProblemHttpResult>> FollowAsync(int id, ClaimsPrincipal user, Follows follows,
        CancellationToken cancellationToken) => SetFollowAsync(id, true, user, follows, cancellationToken);

    public static Task<Results<Ok<FollowResponse>, ProblemHttpResult>> UnfollowAsync(int id, ClaimsPrincipal user, Follows follows,
        CancellationToken cancellationToken) => SetFollowAsync(id, false, user, follows, cancellationToken);

    /// <summary>The caller's liked tracks they may still see, newest like first, with stats.</summary>
    public static async Task<Results<Ok<PagedList<TrackSummary>>, ProblemHttpResult>> MyLikesAsync([AsParameters] PageQuery paging,
        ClaimsPrincipal user, Likes likes, TrackResponses responses, CancellationToken cancellationToken)
    {
        var errors = paging.Validate();
        if (errors.Any)
        {
            return ApiProblems.Validation(errors);
        }
        var viewer = user.AsViewer();
        var (items, total) = await likes.OfUserAsync(viewer.UserId!.Value, viewer, paging.PageNumber, paging.PageSize, cancellationToken);
        var listed = await responses.ListAsync(items.Select(i => i.Track).ToList(), cancellationToken, viewer);
        return TypedResults.Ok(PagedList<TrackSummary>.Create(listed, paging, total));
    }

    /// <summary>New tracks and albums of the artists the caller follows, newest first.</summary>
    public static async Task<Results<Ok<PagedList<FeedItemResponse>>, ProblemHttpResult>> FeedAsync([AsParameters] PageQuery paging,
        ClaimsPrincipal user, Feed feed, TrackResponses responses, CancellationToken cancellationToken)
    {
        var errors = paging.Validate();
        if (errors.Any)
        {
            return ApiProblems.Validation(errors);
        }
        var viewer = user.AsViewer();
        var (items, total) = await feed.PageAsync(viewer.UserId!.Value, paging.PageNumber, paging.PageSize, cancellationToken);
        var tracks = (await responses.ListAsync(items.Where(i => i.Track is not null).Select(i => i.Track!).ToList(), cancellationToken, viewer))
            .ToDictionary(t => t.Id);
        var data = items.Select(i => i.Track is { } track
                ? new FeedItemResponse("track", i.At, tracks[track.Id], null)
                : new FeedItemResponse("album", i.At, null, AlbumListItem.From(i.Album!)))
            .ToList();
        return TypedResults.Ok(PagedList<FeedItemResponse>.Create(data, paging, total));
    }

    private static async Task<Results<Ok<LikeResponse>, ProblemHttpResult>> SetLikeAsync(int id, bool like, ClaimsPrincipal user, Likes likes,
        TrackCatalog catalog, CancellationToken cancellationToken) =>
        await likes.SetAsync(id, user.AsViewer(), like, cancellationToken) is { } state
            ? TypedResults.Ok(new LikeResponse(state.TrackId, state.Liked, state.Likes))
            : await MissingTrack.ProblemAsync(id, user, catalog, cancellationToken);

    private static async Task<Results<Ok<FollowResponse>, ProblemHttpResult>> SetFollowAsync(int id, bool follow, ClaimsPrincipal user,
        Follows follows, CancellationToken cancellationToken)
    {
        var result = await follows.SetAsync(id, user.AsViewer(), follow, cancellationToken);
        return result.Succeeded
            ? TypedResults.Ok(new FollowResponse(result.Value!.ArtistId, result.Value.Following, result.Value.Followers))
            : ApiProblems.FromResult(result.Code!, result.Errors);
    }
}
