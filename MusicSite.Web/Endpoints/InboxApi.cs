using Microsoft.AspNetCore.Http.HttpResults;
using MusicSite.Common;
using MusicSite.Contact;
using MusicSite.Web.Api;
using MusicSite.Web.Auth;

namespace MusicSite.Web.Endpoints;

/// <summary>The admins' contact inbox (GET /api/admin/inbox?filter=all|unread|unhandled, GET /{id} which marks the
/// message read, POST /{id}/read, POST /{id}/handled with <c>?handled=false</c> to reopen). Rules in
/// <see cref="ContactInbox"/>.</summary>
public static class InboxApi
{
    public static IEndpointRouteBuilder MapInboxApi(this IEndpointRouteBuilder app)
    {
        var inbox = app.MapAdminGroup("/inbox", "Inbox");
        inbox.MapGet("/", ListAsync);
        inbox.MapGet("/{id:int}", OpenAsync);
        inbox.MapPost("/{id:int}/read", ReadAsync).RequireRateLimiting(RateLimits.Edits);
        inbox.MapPost("/{id:int}/handled", HandledAsync).RequireRateLimiting(RateLimits.Edits);
        return app;
    }

    public static async Task<Results<Ok<PagedList<InboxItem>>, ProblemHttpResult>> ListAsync([AsParameters] PageQuery query, string? filter,
        ContactInbox inbox, CancellationToken cancellationToken)
    {
        var errors = query.Validate();
        var chosen = InboxFilter.All;
        if (filter is not null && !EnumNames.TryParse(filter, out chosen))
        {
            errors.Add("filter", "filter is all, unread or unhandled.");
        }
        if (errors.Any)
        {
            return ApiProblems.Validation(errors);
        }
        var (items, total) = await inbox.ListAsync(chosen, query.PageNumber, query.PageSize, cancellationToken);
        return TypedResults.Ok(PagedList<InboxItem>.Create(items, query, total));
    }

    public static async Task<Results<Ok<InboxMessage>, ProblemHttpResult>> OpenAsync(int id, ContactInbox inbox, CancellationToken cancellationToken) =>
        await inbox.OpenAsync(id, cancellationToken) is { } message
            ? TypedResults.Ok(message)
            : ApiProblems.FromResult(ErrorCodes.MessageNotFound, new FieldErrors());

    public static Task<Results<Ok<InboxMessage>, ProblemHttpResult>> ReadAsync(int id, ContactInbox inbox, CancellationToken cancellationToken) =>
        OpenAsync(id, inbox, cancellationToken);

    public static async Task<Results<Ok<InboxMessage>, ProblemHttpResult>> HandledAsync(int id, bool? handled, HttpContext context,
        ContactInbox inbox, CancellationToken cancellationToken)
    {
        var result = await inbox.SetHandledAsync(id, handled ?? true, context.ForAudit(), cancellationToken);
        return result.Succeeded ? TypedResults.Ok(result.Value!) : ApiProblems.FromResult(result.Code!, result.Errors);
    }
}
