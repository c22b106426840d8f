using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using MusicSite.Accounts;
using MusicSite.Notifications;
using MusicSite.Web.Auth;

namespace MusicSite.Web.Endpoints;

/// <summary>Behind the notifications page: opening one (read, then its page), and the forms that mark them read.
/// They work without JavaScript and answer with a redirect.</summary>
public static class NotificationPageEndpoints
{
    public const string PagePath = "/notifications";

    public static IEndpointRouteBuilder MapNotificationPageEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(PagePath).ExcludeFromDescription().RequireAuthorization();
        group.MapGet("/{id:int}/open", OpenAsync).RequireRateLimiting(RateLimits.Reads);
        group.MapPost("/{id:int}/read", MarkReadAsync).RequireRateLimiting(RateLimits.Edits)
            .WithMetadata(new RequireAntiforgeryTokenAttribute());
        group.MapPost("/read-all", MarkAllReadAsync).RequireRateLimiting(RateLimits.Edits).RequireFormToken();
        return app;
    }

    /// <summary>The link of each notification in the list: following it is reading it. Only the recipient may;
    /// the stored link is a local path, and anything else lands on the notifications page.</summary>
    private static async Task<IResult> OpenAsync(int id, ClaimsPrincipal user, NotificationInbox inbox, CancellationToken cancellationToken)
    {
        var result = await inbox.MarkReadAsync(user.UserId()!.Value, id, cancellationToken);
        if (!result.Succeeded)
        {
            return TypedResults.NotFound();
        }
        return TypedResults.LocalRedirect(result.Value!.Link is { } link ? LocalUrl.OrHome(link) : PagePath);
    }

    private static async Task<IResult> MarkReadAsync(int id, [FromForm] string? returnUrl, ClaimsPrincipal user, NotificationInbox inbox,
        CancellationToken cancellationToken)
    {
        var result = await inbox.MarkReadAsync(user.UserId()!.Value, id, cancellationToken);
        return result.Succeeded ? TypedResults.LocalRedirect(BackTo(returnUrl)) : TypedResults.NotFound();
    }

    private static async Task<IResult> MarkAllReadAsync(ClaimsPrincipal user, NotificationInbox inbox,
        CancellationToken cancellationToken)
    {
        var marked = await inbox.MarkAllReadAsync(user.UserId()!.Value, cancellationToken);
        return TypedResults.LocalRedirect($"{PagePath}?marked={marked}");
    }

    /// <summary>Back to the list page the form was on (its paging kept); never anywhere else.</summary>
    private static string BackTo(string? returnUrl) =>
        returnUrl is { } url && url.StartsWith(PagePath, StringComparison.Ordinal) ? LocalUrl.OrHome(url) : PagePath;
}
