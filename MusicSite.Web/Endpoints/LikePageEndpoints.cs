using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using MusicSite.Accounts;
using MusicSite.Catalog;
using MusicSite.Common;
using MusicSite.Community;
using MusicSite.Web.Auth;
using MusicSite.Web.Components.Shared;

namespace MusicSite.Web.Endpoints;

/// <summary>Behind the hearts and follow buttons of the pages: forms that work without JavaScript (post, then back
/// to the page they came from) and answer htmx with the new button alone; and the heart of one track, which the
/// player loads for the track it plays.</summary>
public static class LikePageEndpoints
{
    public static string FormPath(int trackId) => $"/tracks/{trackId}/like";

    public static string FollowPath(int artistId) => $"/artists/{artistId}/follow";

    /// <summary>The page a form on the current request should come back to: its path and query.</summary>
    public static string ReturnUrlOf(HttpContext context) => LocalUrl.OrHome(context.Request.Path + context.Request.QueryString);

    public static IEndpointRouteBuilder MapLikePageEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/tracks/{id:int}/like", LikeAsync).ExcludeFromDescription().RequireAuthorization()
            .RequireRateLimiting(RateLimits.Edits).RequireFormToken();
        app.MapGet("/tracks/{id:int}/heart", HeartAsync).ExcludeFromDescription().RequireRateLimiting(RateLimits.Reads);
        app.MapPost("/artists/{id:int}/follow", FollowAsync).ExcludeFromDescription().RequireAuthorization()
            .RequireRateLimiting(RateLimits.Edits).RequireFormToken();
        return app;
    }

    /// <summary><c>like</c> is the state wanted (true or false), not a toggle: a form sent twice does not undo itself.</summary>
    private static async Task<IResult> LikeAsync(int id, [FromForm] string? like, [FromForm] string? returnUrl, HttpContext context,
        ClaimsPrincipal user, Likes likes, CancellationToken cancellationToken)
    {
        if (!bool.TryParse(like, out var wanted))
        {
            return TypedResults.BadRequest();
        }
        var title = await TitleAsync(id, user, likes, cancellationToken);
        if (title is null || await likes.SetAsync(id, user.AsViewer(), wanted, cancellationToken) is not { } state)
        {
            return TypedResults.NotFound();
        }
        return IsHtmx(context)
            ? Heart(state, title, true, LocalUrl.OrHome(returnUrl))
            : TypedResults.LocalRedirect(LocalUrl.OrHome(returnUrl));
    }

    private static async Task<IResult> HeartAsync(int id, [FromQuery] string? returnUrl, ClaimsPrincipal user, Likes likes,
        CancellationToken cancellationToken)
    {
        var title = await TitleAsync(id, user, likes, cancellationToken);
        return title is not null && await likes.StateAsync(id, user.AsViewer(), cancellationToken) is { } state
            ? Heart(state, title, user.UserId() is not null, LocalUrl.OrHome(returnUrl))
            : TypedResults.NotFound();
    }

    private static async Task<IResult> FollowAsync(int id, [FromForm] string? follow, [FromForm] string? returnUrl, HttpContext context,
        ClaimsPrincipal user, Follows follows, CancellationToken cancellationToken)
    {
        if (!bool.TryParse(follow, out var wanted))
        {
            return TypedResults.BadRequest();
        }
        var result = await follows.SetAsync(id, user.AsViewer(), wanted, cancellationToken);
        if (result.Code == ErrorCodes.ArtistNotFound)
        {
            return TypedResults.NotFound();
        }
        if (!result.Succeeded)
        {
            return TypedResults.BadRequest(); // following yourself: the page never offers it
        }
        var back = LocalUrl.OrHome(returnUrl);
        return IsHtmx(context)
            ? new RazorComponentResult<FollowButton>(new Dictionary<string, object?>
            {
                [nameof(FollowButton.ArtistId)] = id, [nameof(FollowButton.Name)] = await follows.NameOfAsync(id, cancellationToken),
                [nameof(FollowButton.Following)] = result.Value!.Following, [nameof(FollowButton.Followers)] = result.Value.Followers,
                [nameof(FollowButton.SignedIn)] = true, [nameof(FollowButton.ReturnUrl)] = back,
            })
            : TypedResults.LocalRedirect(back);
    }

    private static Task<string?> TitleAsync(int id, ClaimsPrincipal user, Likes likes, CancellationToken cancellationToken) =>
        likes.TitleAsync(id, user.AsViewer(), cancellationToken);

    private static RazorComponentResult<LikeButton> Heart(LikeState state, string title, bool signedIn, string returnUrl) =>
        new(new Dictionary<string, object?>
        {
            [nameof(LikeButton.TrackId)] = state.TrackId, [nameof(LikeButton.Title)] = title, [nameof(LikeButton.Liked)] = state.Liked,
            [nameof(LikeButton.Likes)] = state.Likes, [nameof(LikeButton.SignedIn)] = signedIn, [nameof(LikeButton.ReturnUrl)] = returnUrl,
        });

    private static bool IsHtmx(HttpContext context) => context.Request.Headers.ContainsKey("HX-Request");
}
