using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using MusicSite.Accounts;
using MusicSite.Live;
using MusicSite.Web.Auth;
using MusicSite.Web.Components.Layout;
using MusicSite.Web.Live;

namespace MusicSite.Web.Endpoints;

/// <summary>
/// /live: server-sent event streams for htmx-ext-sse (docs/decisions/0030). Each stream says only that what its
/// viewer sees changed (with a version its viewer may know); the page then fetches the part itself. The signed-in
/// user's streams (unread count, own uploads) need a session; a track's streams follow the track's visibility.
/// </summary>
public static class LiveEndpoints
{
    public static IEndpointRouteBuilder MapLiveEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/live").ExcludeFromDescription().RequireRateLimiting(RateLimits.Reads);
        group.MapGet("/notifications", NotificationsAsync).RequireAuthorization();
        group.MapGet("/notifications/bell", Bell).RequireAuthorization();
        group.MapGet("/uploads", UploadsAsync).RequireAuthorization();
        group.MapGet("/tracks/{id:int}/comments", CommentsAsync);
        group.MapGet("/tracks/{id:int}/progress", ProgressAsync);
        return app;
    }

    /// <summary>event <c>unread</c>: the caller's unread notification count.</summary>
    private static Task<IResult> NotificationsAsync(string? since, HttpContext context, EventStream stream, LiveViews views)
    {
        var userId = context.User.UserId()!.Value;
        return stream.RunAsync(context, LiveTopics.Notifications(userId), "unread", since,
            async token => await views.UnreadAsync(userId, token));
    }

    /// <summary>The header's bell again, for the <c>unread</c> event to swap in.</summary>
    private static RazorComponentResult<NotificationBell> Bell(bool? current, ClaimsPrincipal user) =>
        new(new Dictionary<string, object?>
        {
            [nameof(NotificationBell.UserId)] = user.UserId()!.Value, [nameof(NotificationBell.IsCurrent)] = current == true,
        });

    /// <summary>event <c>uploads</c>: the caller's tracks in processing changed.</summary>
    private static Task<IResult> UploadsAsync(string? since, HttpContext context, EventStream stream, LiveViews views)
    {
        var userId = context.User.UserId()!.Value;
        return stream.RunAsync(context, LiveTopics.Uploads(userId), "uploads", since,
            async token => await views.UploadsAsync(userId, token));
    }

    /// <summary>event <c>comments</c>: the track's comments changed (404 when the caller may not see them).</summary>
    private static Task<IResult> CommentsAsync(int id, string? since, HttpContext context, EventStream stream, LiveViews views) =>
        stream.RunAsync(context, LiveTopics.Comments(id), "comments", since,
            token => views.CommentsAsync(id, context.User.AsViewer(), token));

    /// <summary>event <c>progress</c>: the track's processing state or percent changed.</summary>
    private static Task<IResult> ProgressAsync(int id, string? since, HttpContext context, EventStream stream, LiveViews views) =>
        stream.RunAsync(context, LiveTopics.Progress(id), "progress", since,
            token => views.ProgressAsync(id, context.User.AsViewer(), token));
}
