using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using MusicSite.Accounts;
using MusicSite.Common;
using MusicSite.Events;
using MusicSite.Web.Api;
using MusicSite.Web.Auth;
using MusicSite.Web.Hosting;

namespace MusicSite.Web.Endpoints;

/// <summary>Event page helpers: one event's "add to calendar" file, the calendar feed of upcoming events, and the
/// delete form.</summary>
public static class EventPageEndpoints
{
    public static IEndpointRouteBuilder MapEventPageEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/events").ExcludeFromDescription();
        group.MapGet("/feed.ics", FeedAsync).RequireRateLimiting(RateLimits.Reads);
        group.MapGet("/{id:int}.ics", CalendarAsync).RequireRateLimiting(RateLimits.Reads);
        group.MapPost("/{id:int}/delete", DeleteAsync).RequireAuthorization().RequireRateLimiting(RateLimits.Edits);
        return app;
    }

    private static async Task<IResult> CalendarAsync(int id, ClaimsPrincipal user, EventQueries events, SiteAddress site, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        if (await events.FindAsync(id, user.AsViewer(), cancellationToken) is not { } found)
        {
            return TypedResults.NotFound();
        }
        var text = EventCalendar.Write([found], site.BaseUrl, clock.GetUtcNow().UtcDateTime);
        return TypedResults.File(Encoding.UTF8.GetBytes(text), EventCalendar.ContentType + "; charset=utf-8", $"event-{id}.ics");
    }

    /// <summary>Upcoming events as one calendar that calendar apps can subscribe to.</summary>
    private static async Task<IResult> FeedAsync(HttpResponse response, EventQueries events, SiteAddress site, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var text = EventCalendar.Write(await events.FeedAsync(cancellationToken), site.BaseUrl, clock.GetUtcNow().UtcDateTime,
            "MusicSite events");
        response.Headers.CacheControl = "public, max-age=300";
        return TypedResults.Text(text, EventCalendar.ContentType, Encoding.UTF8);
    }

    // [FromForm] makes the framework check the antiforgery token; the box must be ticked.
    private static async Task<IResult> DeleteAsync(int id, [FromForm] string? confirm, HttpContext context, EventService service,
        CancellationToken cancellationToken)
    {
        if (confirm != "yes")
        {
            return TypedResults.LocalRedirect(EventUrls.Edit(id) + "?confirm=required");
        }
        var result = await service.DeleteAsync(id, context.User.AsViewer(), context.ForAudit(), cancellationToken);
        return result.Code switch
        {
            null => TypedResults.LocalRedirect("/events?deleted=1"),
            // A real 403 (the error page shows it), not the sign-in scheme's redirect to the access-denied page.
            ErrorCodes.UnauthorizedAccess => TypedResults.StatusCode(StatusCodes.Status403Forbidden),
            _ => TypedResults.NotFound(),
        };
    }
}
