using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using MusicSite.Accounts;
using MusicSite.Common;
using MusicSite.Events;
using MusicSite.Web.Api;
using MusicSite.Web.Auth;

namespace MusicSite.Web.Endpoints;

/// <summary>/api/events: upcoming events (soonest first), past events (most recent first), one event. Events are
/// written through the site's forms (<see cref="EventPageEndpoints"/> and the event form page).</summary>
public static class EventsApi
{
    public static IEndpointRouteBuilder MapEventsApi(this IEndpointRouteBuilder app)
    {
        var events = app.MapGroup("/api/events").WithTags("Events").RequireRateLimiting(RateLimits.Reads);
        events.MapGet("/", UpcomingAsync);
        events.MapGet("/past", PastAsync);
        events.MapGet("/{id:int}", GetAsync);
        return app;
    }

    public static async Task<Results<Ok<PagedList<EventListItem>>, ProblemHttpResult>> UpcomingAsync([AsParameters] PageQuery paging,
        EventQueries events, CancellationToken cancellationToken)
    {
        var errors = paging.Validate();
        if (errors.Any)
        {
            return ApiProblems.Validation(errors);
        }
        var (items, total) = await events.UpcomingAsync(paging.PageNumber, paging.PageSize, cancellationToken);
        return TypedResults.Ok(PagedList<EventListItem>.Create(EventListItem.From(items), paging, total));
    }

    public static async Task<Results<Ok<PagedList<EventListItem>>, ProblemHttpResult>> PastAsync([AsParameters] PageQuery paging,
        EventQueries events, CancellationToken cancellationToken)
    {
        var errors = paging.Validate();
        if (errors.Any)
        {
            return ApiProblems.Validation(errors);
        }
        var (items, total) = await events.PastAsync(paging.PageNumber, paging.PageSize, cancellationToken);
        return TypedResults.Ok(PagedList<EventListItem>.Create(EventListItem.From(items), paging, total));
    }

    public static async Task<Results<Ok<EventResponse>, ProblemHttpResult>> GetAsync(int id, ClaimsPrincipal user, EventQueries events,
        CancellationToken cancellationToken) =>
        await events.FindAsync(id, user.AsViewer(), cancellationToken) is { } found
            ? TypedResults.Ok(EventResponse.From(found, events.IsUpcoming(found)))
            : ApiProblems.NotFound(ErrorCodes.EventNotFound);
}
