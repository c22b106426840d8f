using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using MusicSite.Accounts;
using MusicSite.Notifications;
using MusicSite.Web.Api;
using MusicSite.Web.Auth;

namespace MusicSite.Web.Endpoints;

/// <summary>Parameters of GET /api/notifications: paging, plus <c>unread=true</c> for the unread only.</summary>
public sealed record NotificationListQuery(int? Page, int? Limit, bool? Unread);

/// <summary>The count <c>PUT /api/notifications/read-all</c> answers with.</summary>
public sealed record NotificationsMarked(int Marked);

/// <summary>/api/notifications: the caller's own notifications, newest first, and marking them read.</summary>
public static class NotificationsApi
{
    public static IEndpointRouteBuilder MapNotificationsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/notifications").WithTags("Notifications").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        group.MapGet("/", ListAsync).RequireRateLimiting(RateLimits.Reads);
        group.MapPut("/{id:int}/read", MarkReadAsync).RequireRateLimiting(RateLimits.Edits);
        group.MapPut("/read-all", MarkAllReadAsync).RequireRateLimiting(RateLimits.Edits);
        return app;
    }

    public static async Task<Results<Ok<PagedList<NotificationView>>, ProblemHttpResult>> ListAsync(
        [AsParameters] NotificationListQuery query, ClaimsPrincipal user, NotificationInbox inbox, CancellationToken cancellationToken)
    {
        var paging = new PageQuery(query.Page, query.Limit);
        var errors = paging.Validate();
        if (errors.Any)
        {
            return ApiProblems.Validation(errors);
        }
        var found = await inbox.ListAsync(user.UserId()!.Value, query.Unread == true, paging.PageNumber, paging.PageSize, cancellationToken);
        return TypedResults.Ok(PagedList<NotificationView>.Create(found.Items, paging, found.Total));
    }

    /// <summary>Marks one of the caller's notifications read; another user's answers 404 like a missing one.</summary>
    public static async Task<Results<Ok<NotificationView>, ProblemHttpResult>> MarkReadAsync(int id, ClaimsPrincipal user,
        NotificationInbox inbox, CancellationToken cancellationToken)
    {
        var result = await inbox.MarkReadAsync(user.UserId()!.Value, id, cancellationToken);
        return result.Succeeded ? TypedResults.Ok(result.Value!) : ApiProblems.FromResult(result.Code!, result.Errors);
    }

    public static async Task<Ok<NotificationsMarked>> MarkAllReadAsync(ClaimsPrincipal user, NotificationInbox inbox,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(new NotificationsMarked(await inbox.MarkAllReadAsync(user.UserId()!.Value, cancellationToken)));
}
